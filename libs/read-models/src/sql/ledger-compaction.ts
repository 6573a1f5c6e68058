import { SqlRunner } from './sql-session';

/**
 * An append-only ledger of deltas: rows of `key` columns and `sums` columns, with an identity `entry_id`, which
 * a view sums per key; and its one-row `compaction` table (`compacted_through`), the highest id a round has
 * looked at.
 */
export interface Ledger {
  entries: string;
  compaction: string;
  key: readonly string[];
  sums: readonly string[];
  /** A condition on the entries compaction rounds fold (the others are folded by another pass); all when absent. */
  compacted?: string;
}

export interface LedgerCompaction {
  /** False when another process was compacting (nothing done). */
  ran: boolean;
  /** Entries folded away (rows before minus rows after). */
  entriesRemoved: number;
  /** Entries this round looked at (how busy the ledger is). */
  lookedAt: number;
  /** Entries not yet looked at after this round (more work for the next). */
  remaining: number;
}

/**
 * Folds the entries of every key that received entries since the last round into one row with the key's other
 * entries (none if every sum is zero), in one transaction, so readers see the sums before or after, never half.
 * Batches keep appending meanwhile: they only insert, and an entry committed after this round's snapshot stays as
 * it is (the view sums it all the same) until its key gets entries again. One process compacts a ledger at a time
 * (the others skip); at most `maxEntries` new entries are looked at per round. Runs in the current search path.
 */
export async function compactLedger(manager: SqlRunner, ledger: Ledger, maxEntries: number): Promise<LedgerCompaction> {
  const { entries, compaction, compacted } = ledger;
  const mark = await takeCompactionRow(manager, ledger);
  if (!mark) return { ran: false, entriesRemoved: 0, lookedAt: 0, remaining: 0 };
  const from = BigInt(mark.compacted_through);
  const newest = await lastEntryId(manager, entries);
  const through = newest - from > BigInt(maxEntries) ? from + BigInt(maxEntries) : newest;
  if (through <= from) return { ran: true, entriesRemoved: 0, lookedAt: 0, remaining: 0 };
  const key = ledger.key.join(', ');
  const sameKey = ledger.key.map((column) => `e.${column} = c.${column}`).join(' AND ');
  const sums = ledger.sums.map((column) => `sum(${column})`).join(', ');
  const anySum = ledger.sums.map((column) => `sum(${column}) <> 0`).join(' OR ');
  const qualified = ledger.key.map((column) => `e.${column}`).join(', ');
  // Every key with a new entry it folds and more than one entry in all (one index probe per new entry).
  const [[folded]]: [[{ removed: number; added: number }], number] = await manager.query(
    `WITH touched AS (
       SELECT DISTINCT ${key} FROM ${entries} WHERE entry_id > $1 AND entry_id <= $2${compacted ? ` AND ${compacted}` : ''}),
     crowded AS (
       SELECT ${qualified} FROM ${entries} e JOIN touched t USING (${key}) GROUP BY ${qualified} HAVING count(*) > 1),
     removed AS (
       DELETE FROM ${entries} e USING crowded c WHERE ${sameKey}
       RETURNING e.*),
     added AS (
       INSERT INTO ${entries} (${key}, ${ledger.sums.join(', ')})
       SELECT ${key}, ${sums} FROM removed GROUP BY ${key} HAVING ${anySum}
       RETURNING 1)
     UPDATE ${compaction} SET compacted_through = $2
     RETURNING (SELECT count(*) FROM removed)::int AS removed, (SELECT count(*) FROM added)::int AS added`,
    [from.toString(), through.toString()],
  );
  return {
    ran: true,
    entriesRemoved: folded.removed - folded.added,
    lookedAt: Number(through - from),
    remaining: Number(newest - through),
  };
}

/**
 * Takes the ledger's compaction row for a round in the caller's transaction, or returns undefined when another
 * process holds it (that process is running a round; this one skips). Every pass that rewrites a ledger's entries
 * takes it, so no two run at once.
 */
export async function takeCompactionRow(
  manager: SqlRunner,
  { entries, compaction }: Pick<Ledger, 'entries' | 'compaction'>,
): Promise<{ compacted_through: string } | undefined> {
  // The ledger before the compaction row, in the order the projection lists its tables (the order
  // a rebuild's swap locks them in), so a round never holds the row while waiting for the ledger.
  // Row exclusive, as the writes take it anyway: batches appending meanwhile are not held up.
  await manager.query(`LOCK TABLE ${entries} IN ROW EXCLUSIVE MODE`);
  // The row is made by the first round (in a new schema, a rebuild's shadow too). Not by an
  // upsert: that would wait for a round in progress, which has the row locked, instead of skipping.
  await manager.query(`INSERT INTO ${compaction} SELECT WHERE NOT EXISTS (SELECT FROM ${compaction}) ON CONFLICT DO NOTHING`);
  const [mark]: Array<{ compacted_through: string }> = await manager.query(
    `SELECT compacted_through FROM ${compaction} FOR UPDATE SKIP LOCKED`,
  );
  return mark;
}

/** The highest entry id the ledger's identity has handed out (0 before the first). */
async function lastEntryId(manager: SqlRunner, entries: string): Promise<bigint> {
  const [{ last }]: Array<{ last: string | null }> = await manager.query(
    `SELECT pg_sequence_last_value(pg_get_serial_sequence($1, 'entry_id'))::text AS last`,
    [entries],
  );
  return BigInt(last ?? '0');
}
