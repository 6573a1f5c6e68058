import { SqlRunner } from './sql-session';

/**
 * An append-only ledger of deltas: rows of `key` columns and `sums` columns, with an identity `entry_id`, which
 * a view sums per key; and its one-row `compaction` table, which every round that works on the entries takes first
 * (the sentiment ledger's also holds the running totals' mark, `totalled_below`; the co-mention ledger's the mark of
 * the change rows whose weeks have been probed for merging, `merged_below`).
 */
export interface Ledger {
  entries: string;
  compaction: string;
  key: readonly string[];
  sums: readonly string[];
}

/**
 * Takes the ledger's compaction row for a round in the caller's transaction, or returns false when another
 * process holds it (that process is running a round; this one skips). Every pass that rewrites a ledger's entries
 * takes it, so no two run at once.
 */
export async function takeCompactionRow(
  manager: SqlRunner,
  { entries, compaction }: Pick<Ledger, 'entries' | 'compaction'>,
): Promise<boolean> {
  // The ledger before the compaction row, in the order the projection lists its tables (the order
  // a rebuild's swap locks them in), so a round never holds the row while waiting for the ledger.
  // Row exclusive, as the writes take it anyway: batches appending meanwhile are not held up.
  await manager.query(`LOCK TABLE ${entries} IN ROW EXCLUSIVE MODE`);
  // The row is made by the first round (in a new schema, a rebuild's shadow too). Not by an
  // upsert: that would wait for a round in progress, which has the row locked, instead of skipping.
  await manager.query(`INSERT INTO ${compaction} SELECT WHERE NOT EXISTS (SELECT FROM ${compaction}) ON CONFLICT DO NOTHING`);
  const rows: unknown[] = await manager.query(`SELECT FROM ${compaction} FOR UPDATE SKIP LOCKED`);
  return rows.length > 0;
}
