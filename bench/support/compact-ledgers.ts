import { compactSentimentEntries, LEDGERS, packActorPairEntries, totalDayEntries } from '@chronicle/read-models';
import { DataSource, EntityManager } from 'typeorm';

/** Compacts the sentiment ledger until no entry is left unlooked at (what the service's worker does over its ticks). */
export async function compactSentimentToTheEnd(dataSource: DataSource): Promise<void> {
  for (;;) {
    const round = await dataSource.transaction((manager) => compactSentimentEntries(manager, 200_000));
    if (round.remaining === 0) return;
  }
}

/** Everything the service's worker does over its ticks, to the end: compaction, then packing and totalling. */
export async function workOffLedgersToTheEnd(dataSource: DataSource): Promise<void> {
  await compactSentimentToTheEnd(dataSource);
  await packToTheEnd(dataSource);
  await totalToTheEnd(dataSource);
}

/** Moves every sentiment day entry into the running totals, as the service's worker does over ticks; returns how many it moved. */
export function totalToTheEnd(dataSource: DataSource): Promise<number> {
  return movedToTheEnd(dataSource, async (manager) => (await totalDayEntries(manager, 200_000)).totalled);
}

/** Moves every co-mention entry into the packed weeks, as the service's worker does over ticks; returns how many it moved. */
export function packToTheEnd(dataSource: DataSource): Promise<number> {
  return movedToTheEnd(dataSource, async (manager) => (await packActorPairEntries(manager, 200_000)).packed);
}

/** Runs `round` (which returns the entries it moved), a transaction each, until one moves none; returns how many moved in all. */
async function movedToTheEnd(dataSource: DataSource, round: (manager: EntityManager) => Promise<number>): Promise<number> {
  let moved = 0;
  for (;;) {
    const n = await dataSource.transaction(round);
    if (n === 0) return moved;
    moved += n;
  }
}

/**
 * Rewrites each ledger as one entry per key (none where every sum is zero), whatever its compaction rounds left:
 * the fewest rows its view can be stored in, in the order the keys first appeared (where an upserted table keeps
 * its rows; in key order the ceiling's COPY would be far faster than any live table's). For measuring, not for a
 * live store (it rewrites the whole table).
 */
export async function foldLedgersWhole(dataSource: DataSource): Promise<void> {
  for (const { entries, key, sums } of LEDGERS) {
    const keys = key.join(', ');
    await dataSource.transaction(async (manager) => {
      await manager.query(
        `CREATE TEMP TABLE folded ON COMMIT DROP AS
         SELECT ${keys}, ${sums.map((column) => `sum(${column}) AS ${column}`).join(', ')}, min(entry_id) AS first_entry
         FROM ${entries} GROUP BY ${keys} HAVING ${sums.map((column) => `sum(${column}) <> 0`).join(' OR ')}`,
      );
      await manager.query(`DELETE FROM ${entries}`);
      await manager.query(
        `INSERT INTO ${entries} (${keys}, ${sums.join(', ')}) SELECT ${keys}, ${sums.join(', ')} FROM folded ORDER BY first_entry`,
      );
    });
  }
}
