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
  /**
   * Which keys a round folds: `touched`, every key with a new entry and another entry anywhere (one index probe
   * per new entry); `repeated`, only keys with two or more new entries (found by grouping the new entries alone).
   * `repeated` leaves a key hit once per round with one more entry each round until a round hits it twice.
   */
  folds: 'touched' | 'repeated';
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

/** Which pass a round makes: see {@link compactLedger} and {@link sweepLedger}. */
type Pass = 'compact' | 'sweep';

/**
 * Folds the entries of every key that received entries since the last round, as `folds` picks them, into one row
 * (none if every sum is zero), in one transaction, so readers see the sums before or after, never half. Batches keep appending
 * meanwhile: they only insert, and an entry committed after this round's snapshot stays as it is (the view sums it
 * all the same) until its key gets entries again. One process compacts a ledger at a time (the others skip); at
 * most `maxEntries` new entries are looked at per round. Runs in the current search path.
 */
export function compactLedger(manager: SqlRunner, ledger: Ledger, maxEntries: number): Promise<LedgerCompaction> {
  return foldRound(manager, ledger, maxEntries, 'compact');
}

/**
 * The pass behind the rounds, for quiet times: walks the entries the rounds have looked at, at most `maxEntries` per
 * call, and folds every key with an entry there and more than one entry in all, whenever they came. What `repeated`
 * leaves behind (a key hit once in each of several rounds keeps an entry per round) ends as one row per key, so a
 * popular actor's reads sum one row per pair. It costs a probe per key, which is why the rounds do not do it while
 * the projector writes. Takes the same compaction row as the rounds, so the two never run at once.
 */
export function sweepLedger(manager: SqlRunner, ledger: Ledger, maxEntries: number): Promise<LedgerCompaction> {
  return foldRound(manager, ledger, maxEntries, 'sweep');
}

async function foldRound(manager: SqlRunner, ledger: Ledger, maxEntries: number, pass: Pass): Promise<LedgerCompaction> {
  const { entries, compaction } = ledger;
  const mark = await takeCompactionRow(manager, ledger);
  if (!mark) return { ran: false, entriesRemoved: 0, lookedAt: 0, remaining: 0 };
  // A round looks at the entries appended since the last round, as `folds` picks them; the sweep at those the
  // rounds have looked at since the last sweep (the newest are the rounds'), every key with another entry.
  const { from, newest, folds, markColumn } =
    pass === 'compact'
      ? {
          from: BigInt(mark.compacted_through),
          newest: await lastEntryId(manager, entries),
          folds: ledger.folds,
          markColumn: 'compacted_through',
        }
      : {
          from: BigInt(mark.swept_through),
          newest: BigInt(mark.compacted_through),
          folds: 'touched' as const,
          markColumn: 'swept_through',
        };
  const through = newest - from > BigInt(maxEntries) ? from + BigInt(maxEntries) : newest;
  if (through <= from) return { ran: true, entriesRemoved: 0, lookedAt: 0, remaining: 0 };
  const key = ledger.key.join(', ');
  const sameKey = ledger.key.map((column) => `e.${column} = c.${column}`).join(' AND ');
  const sums = ledger.sums.map((column) => `sum(${column})`).join(', ');
  const anySum = ledger.sums.map((column) => `sum(${column}) <> 0`).join(' OR ');
  const qualified = ledger.key.map((column) => `e.${column}`).join(', ');
  const crowded =
    folds === 'touched'
      ? `touched AS (
           SELECT DISTINCT ${key} FROM ${entries} WHERE entry_id > $1 AND entry_id <= $2),
         crowded AS (
           SELECT ${qualified} FROM ${entries} e JOIN touched t USING (${key}) GROUP BY ${qualified} HAVING count(*) > 1)`
      : `crowded AS (
           SELECT ${key} FROM ${entries} WHERE entry_id > $1 AND entry_id <= $2 GROUP BY ${key} HAVING count(*) > 1)`;
  const [[folded]]: [[{ removed: number; added: number }], number] = await manager.query(
    `WITH ${crowded},
     removed AS (
       DELETE FROM ${entries} e USING crowded c WHERE ${sameKey}
       RETURNING e.*),
     added AS (
       INSERT INTO ${entries} (${key}, ${ledger.sums.join(', ')})
       SELECT ${key}, ${sums} FROM removed GROUP BY ${key} HAVING ${anySum}
       RETURNING 1)
     UPDATE ${compaction} SET ${markColumn} = $2
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
): Promise<{ compacted_through: string; swept_through: string } | undefined> {
  // The ledger before the compaction row, in the order the projection lists its tables (the order
  // a rebuild's swap locks them in), so a round never holds the row while waiting for the ledger.
  // Row exclusive, as the writes take it anyway: batches appending meanwhile are not held up.
  await manager.query(`LOCK TABLE ${entries} IN ROW EXCLUSIVE MODE`);
  // The row is made by the first round (in a new schema, a rebuild's shadow too). Not by an
  // upsert: that would wait for a round in progress, which has the row locked, instead of skipping.
  await manager.query(`INSERT INTO ${compaction} SELECT WHERE NOT EXISTS (SELECT FROM ${compaction}) ON CONFLICT DO NOTHING`);
  const [mark]: Array<{ compacted_through: string; swept_through: string }> = await manager.query(
    `SELECT compacted_through, swept_through FROM ${compaction} FOR UPDATE SKIP LOCKED`,
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
