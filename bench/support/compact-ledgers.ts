import { ACTOR_PAIR_VECTORS_TABLE, LEDGERS, packActorPairEntries, packedSlots, totalHourEntries } from '@chronicle/read-models';
import { DataSource, EntityManager } from 'typeorm';

/** Everything the service's worker does over its ticks, to the end: packing, then totalling. */
export async function workOffLedgersToTheEnd(dataSource: DataSource): Promise<void> {
  await packToTheEnd(dataSource);
  await totalToTheEnd(dataSource);
}

/** Moves every sentiment hour entry into the running totals, as the service's worker does over ticks; returns how many it moved. */
export function totalToTheEnd(dataSource: DataSource): Promise<number> {
  return movedToTheEnd(dataSource, async (manager) => (await totalHourEntries(manager, 200_000)).totalled);
}

/**
 * Packing rounds until one has nothing left to do, as the service's worker runs them over ticks: every co-mention
 * entry moved into the packed weeks and every crowded week merged; returns the entries and weeks it handled.
 */
export function packToTheEnd(dataSource: DataSource): Promise<number> {
  return movedToTheEnd(dataSource, async (manager) => {
    const round = await packActorPairEntries(manager, 200_000);
    return round.packed + round.weeksMerged;
  });
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
 * Rewrites each ledger as one entry per key (none where every sum is zero), whatever its compaction rounds left, and
 * the packed co-mentions as one row per week: the fewest rows their views can be stored in, in the order the keys first appeared (where an upserted table keeps
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
  await mergePackedWeeksWhole(dataSource);
}

/**
 * Rewrites the packed co-mentions as one row per (actor, week) (`part` 0, none where every slot sums to zero),
 * whatever change rows the rounds left beside the merged rows, in the order the weeks first appeared. For measuring.
 */
async function mergePackedWeeksWhole(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `CREATE TEMP TABLE merged_weeks ON COMMIT DROP AS
       SELECT actor_id, week, string_agg(int4send(key) || int4send(articles), ''::bytea ORDER BY key) AS others,
              min(first_part) AS first_part
       FROM (SELECT v.actor_id, v.week, s.key, sum(s.articles)::int AS articles, min(v.part) AS first_part
             FROM ${ACTOR_PAIR_VECTORS_TABLE} v
             CROSS JOIN LATERAL ${packedSlots('v')} s
             GROUP BY v.actor_id, v.week, s.key HAVING sum(s.articles) <> 0) slots
       GROUP BY actor_id, week`,
    );
    await manager.query(`DELETE FROM ${ACTOR_PAIR_VECTORS_TABLE}`);
    await manager.query(
      `INSERT INTO ${ACTOR_PAIR_VECTORS_TABLE} (actor_id, week, part, others)
       SELECT actor_id, week, 0, others FROM merged_weeks ORDER BY first_part`,
    );
  });
}
