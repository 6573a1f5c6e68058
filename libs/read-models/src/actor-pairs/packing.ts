import { takeCompactionRow } from '../sql/ledger-compaction';
import { SqlRunner } from '../sql/sql-session';
import { ACTOR_PAIR_LEDGER } from './ledger';
import { sumPairVectors } from './pair-vectors';
import { ACTOR_PAIR_ENTRIES_TABLE, ACTOR_PAIR_KEYS_TABLE, ACTOR_PAIR_VECTORS_TABLE } from './tables';

/**
 * Change rows a week of an actor's packed co-mentions may pile up before a round merges them, with its merged row
 * (`part` 0), into one: projector batches add a change row per week they touch. Reads sum every row of a week, so
 * more rows make a read a little longer and merging rarer: a popular actor's week (thousands of slots) is rewritten
 * once per this many batches instead of every batch. After a round no week has more rows than this.
 */
export const PACKED_ROWS_PER_WEEK = 8;

/** Weeks one round merges at most (a backlog is worked off over rounds; reads sum the rows meanwhile). */
export const MERGED_WEEKS_PER_ROUND = 5_000;

/** What one round of {@link packActorPairEntries} did. */
export interface PairPackingRound {
  /** False when another process held the co-mention ledger's compaction row (nothing done). */
  ran: boolean;
  /** Ledger entries moved into the packed weeks (deleted from the ledger). */
  packed: number;
  /** Change rows added to `actor_pair_vectors`. */
  changesWritten: number;
  /** Weeks whose rows were merged into one. */
  weeksMerged: number;
}

/**
 * One packing round, in the caller's transaction: moves up to `maxEntries` co-mention entries out of the ledger
 * (written before batches added change rows) into the packed weeks (`actor_pair_vectors`), then merges the weeks
 * whose change rows have piled up to {@link PACKED_ROWS_PER_WEEK}, up to {@link MERGED_WEEKS_PER_ROUND} of them.
 * Readers sum both tables and every row of a week, so they see each entry and change in one place, never two.
 * Moved entries' co-mentioned actors get their pair keys first (in id order); an entry whose actor got no key here
 * (written after that statement) waits for the next round. Each touched week gets one change row, built in SQL.
 * Takes the ledger's compaction row, so it never runs beside another replica's round (which it skips).
 */
export async function packActorPairEntries(sql: SqlRunner, maxEntries: number): Promise<PairPackingRound> {
  if (!(await takeCompactionRow(sql, ACTOR_PAIR_LEDGER))) return { ran: false, packed: 0, changesWritten: 0, weeksMerged: 0 };
  const moved = await moveLedgerEntries(sql, maxEntries);
  const weeksMerged = await mergeCrowdedWeeks(sql);
  return { ran: true, packed: moved.packed, changesWritten: moved.written, weeksMerged };
}

/** Moves up to `maxEntries` ledger entries into one change row per touched week. */
async function moveLedgerEntries(sql: SqlRunner, maxEntries: number): Promise<{ packed: number; written: number }> {
  await sql.query(
    `INSERT INTO ${ACTOR_PAIR_KEYS_TABLE} (actor_id)
     SELECT other_actor_id FROM (
       SELECT DISTINCT e.other_actor_id FROM (SELECT other_actor_id FROM ${ACTOR_PAIR_ENTRIES_TABLE} LIMIT $1) e
       WHERE NOT EXISTS (SELECT FROM ${ACTOR_PAIR_KEYS_TABLE} k WHERE k.actor_id = e.other_actor_id)) new
     ORDER BY other_actor_id COLLATE "C" ON CONFLICT (actor_id) DO NOTHING`,
    [maxEntries],
  );
  // Each touched week's change as a row of slots (`int4send` writes their big-endian int32s).
  const [moved]: Array<{ packed: number; written: number }> = await sql.query(
    `WITH picked AS (
       SELECT e.ctid AS entry FROM ${ACTOR_PAIR_ENTRIES_TABLE} e
       JOIN ${ACTOR_PAIR_KEYS_TABLE} k ON k.actor_id = e.other_actor_id LIMIT $1),
     moved AS (
       DELETE FROM ${ACTOR_PAIR_ENTRIES_TABLE} e WHERE e.ctid = ANY(ARRAY(SELECT entry FROM picked))
       RETURNING e.actor_id, e.week, e.other_actor_id, e.articles),
     sums AS (
       SELECT m.actor_id, m.week, k.key, sum(m.articles)::int AS articles, count(*)::int AS entries
       FROM moved m JOIN ${ACTOR_PAIR_KEYS_TABLE} k ON k.actor_id = m.other_actor_id
       GROUP BY m.actor_id, m.week, k.key),
     changes AS (
       SELECT actor_id, week, sum(entries)::int AS entries,
              string_agg(int4send(key) || int4send(articles), ''::bytea ORDER BY key) FILTER (WHERE articles <> 0) AS delta
       FROM sums GROUP BY actor_id, week),
     written AS (
       INSERT INTO ${ACTOR_PAIR_VECTORS_TABLE} (actor_id, week, others)
       SELECT actor_id, week, delta FROM changes WHERE delta IS NOT NULL
       RETURNING actor_id, week)
     SELECT (SELECT coalesce(sum(entries), 0)::int FROM changes) AS packed, count(*)::int AS written
     FROM written`,
    [maxEntries],
  );
  return moved!;
}

/**
 * Merges the rows of up to {@link MERGED_WEEKS_PER_ROUND} weeks that have {@link PACKED_ROWS_PER_WEEK} change rows or
 * more (found through the partial index of change rows) into one row each (none if all cancel). The rows are deleted
 * and summed from what the delete returned, in one statement, so a batch's change row committed after its snapshot
 * is neither deleted nor counted: it stays beside the merged row.
 */
async function mergeCrowdedWeeks(sql: SqlRunner): Promise<number> {
  const parts: Array<{ actor_id: string; week: string; others: Buffer }> = await sql.query(
    `WITH crowded AS (
       SELECT actor_id, week FROM ${ACTOR_PAIR_VECTORS_TABLE} WHERE part <> 0
       GROUP BY actor_id, week HAVING count(*) >= $1 LIMIT $2),
     removed AS (
       DELETE FROM ${ACTOR_PAIR_VECTORS_TABLE} v USING crowded c WHERE v.actor_id = c.actor_id AND v.week = c.week
       RETURNING v.actor_id, v.week::text AS week, v.others)
     SELECT * FROM removed`,
    [PACKED_ROWS_PER_WEEK, MERGED_WEEKS_PER_ROUND],
  );
  if (parts.length === 0) return 0;
  const weeks = new Map<string, { actorId: string; week: string; parts: Buffer[] }>();
  for (const { actor_id, week, others } of parts) {
    const key = `${actor_id}\u0000${week}`;
    const rows = weeks.get(key) ?? { actorId: actor_id, week, parts: [] };
    rows.parts.push(others);
    weeks.set(key, rows);
  }
  const merged = [...weeks.values()].map(({ actorId, week, parts: rows }) => ({ actorId, week, others: sumPairVectors(rows) }));
  const kept = merged.filter((w) => w.others.length > 0);
  await sql.query(
    `INSERT INTO ${ACTOR_PAIR_VECTORS_TABLE} (actor_id, week, part, others)
     SELECT actor_id, week, 0, others FROM unnest($1::text[], $2::date[], $3::bytea[]) AS t(actor_id, week, others)`,
    [kept.map((w) => w.actorId), kept.map((w) => w.week), kept.map((w) => w.others)],
  );
  return merged.length;
}
