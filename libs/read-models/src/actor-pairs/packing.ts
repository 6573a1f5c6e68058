import { takeCompactionRow } from '../sql/ledger-compaction';
import { SqlRunner } from '../sql/sql-session';
import { ACTOR_PAIR_LEDGER } from './ledger';
import { sumPairVectors } from './pair-vectors';
import { ACTOR_PAIR_COMPACTION_TABLE, ACTOR_PAIR_ENTRIES_TABLE, ACTOR_PAIR_KEYS_TABLE, ACTOR_PAIR_VECTORS_TABLE } from './tables';

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
 * Only weeks that got a change row since the last round are probed for merging: those of the transactions from the
 * mark (`merged_below`) up to the oldest one still running, and those this round wrote; the mark then moves there,
 * unless the round merged its limit (the rest of the window is probed again next round). A change row a batch
 * commits meanwhile is above the new mark.
 * Takes the ledger's compaction row, so it never runs beside another replica's round (which it skips).
 */
export async function packActorPairEntries(sql: SqlRunner, maxEntries: number): Promise<PairPackingRound> {
  if (!(await takeCompactionRow(sql, ACTOR_PAIR_LEDGER))) return { ran: false, packed: 0, changesWritten: 0, weeksMerged: 0 };
  // Every transaction below the snapshot's xmin has ended, so its change rows are all visible to the statements after.
  const [window]: ChangeWindow[] = await sql.query(
    `SELECT merged_below::text AS from, pg_snapshot_xmin(pg_current_snapshot())::text AS upto FROM ${ACTOR_PAIR_COMPACTION_TABLE}`,
  );
  const moved = await moveLedgerEntries(sql, maxEntries);
  const weeksMerged = await mergeCrowdedWeeks(sql, window!, moved.weeks);
  if (weeksMerged < MERGED_WEEKS_PER_ROUND) {
    await sql.query(`UPDATE ${ACTOR_PAIR_COMPACTION_TABLE} SET merged_below = $1`, [window!.upto]);
  }
  return { ran: true, packed: moved.packed, changesWritten: moved.written, weeksMerged };
}

/** The transactions whose change rows a round probes: from the mark up to the oldest one still running. */
interface ChangeWindow {
  from: string;
  upto: string;
}

/** The weeks a statement wrote change rows for, as `unnest` parameters. */
interface WrittenWeeks {
  actorIds: string[];
  weeks: string[];
}

/** Moves up to `maxEntries` ledger entries into one change row per touched week. */
async function moveLedgerEntries(
  sql: SqlRunner,
  maxEntries: number,
): Promise<{ packed: number; written: number; weeks: WrittenWeeks }> {
  await sql.query(
    `INSERT INTO ${ACTOR_PAIR_KEYS_TABLE} (actor_id)
     SELECT other_actor_id FROM (
       SELECT DISTINCT e.other_actor_id FROM (SELECT other_actor_id FROM ${ACTOR_PAIR_ENTRIES_TABLE} LIMIT $1) e
       WHERE NOT EXISTS (SELECT FROM ${ACTOR_PAIR_KEYS_TABLE} k WHERE k.actor_id = e.other_actor_id)) new
     ORDER BY other_actor_id COLLATE "C" ON CONFLICT (actor_id) DO NOTHING`,
    [maxEntries],
  );
  // Each touched week's change as a row of slots (`int4send` writes their big-endian int32s).
  const [moved]: Array<{ packed: number; written: number; actor_ids: string[]; weeks: string[] }> = await sql.query(
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
     SELECT (SELECT coalesce(sum(entries), 0)::int FROM changes) AS packed, count(*)::int AS written,
            coalesce(array_agg(actor_id), '{}') AS actor_ids, coalesce(array_agg(week::text), '{}') AS weeks
     FROM written`,
    [maxEntries],
  );
  const { packed, written, actor_ids: actorIds, weeks } = moved!;
  return { packed, written, weeks: { actorIds, weeks } };
}

/**
 * Weeks a round probes one by one for the cost of reading one page of the change-row index in order: it probes the
 * weeks of its window's change rows while those rows are fewer than this many per page of the index, and reads the
 * whole index otherwise. Measured on a 100,000-article projection (no visibility map, 128 MB of shared buffers): a
 * probe about 0.18 ms, a change row read in order about 4 µs, some 240 rows to a page, so a page costs about as much
 * as five probes.
 */
export const PROBES_PER_INDEX_PAGE = 5;

/** The partial index of change rows, whose size tells a round whether to probe its window's weeks or read it all. */
const CHANGE_ROWS_INDEX = 'actor_pair_vectors_changes';

/**
 * Merges the rows of up to {@link MERGED_WEEKS_PER_ROUND} weeks that have {@link PACKED_ROWS_PER_WEEK} change rows or
 * more into one row each (none if all cancel). A week can only have piled up since the last round if a change row was
 * added to it since: one from the window's transactions (found through the B-tree on `xact`) or one of `written`.
 * Those weeks are probed one by one through the partial index of change rows, unless the window holds so many change
 * rows that reading the whole index costs less ({@link PROBES_PER_INDEX_PAGE}), as in a rebuild or a burst on a young
 * store: the window is read once, and no further than that many rows. The rows are deleted and summed from what the
 * delete returned, in one statement, so a batch's change row committed after its snapshot is neither deleted nor
 * counted: it stays beside the merged row.
 */
async function mergeCrowdedWeeks(sql: SqlRunner, window: ChangeWindow, written: WrittenWeeks): Promise<number> {
  const [touched]: Array<{ probes: number; actor_ids: string[]; weeks: string[] }> = await sql.query(
    `WITH budget AS (
       SELECT (pg_relation_size('${CHANGE_ROWS_INDEX}') / current_setting('block_size')::int * $3)::int AS probes),
     changed AS (
       SELECT actor_id, week FROM ${ACTOR_PAIR_VECTORS_TABLE} WHERE xact >= $1 AND xact < $2 AND part <> 0
       LIMIT (SELECT probes FROM budget))
     SELECT (SELECT probes FROM budget) AS probes,
            coalesce(array_agg(actor_id), '{}') AS actor_ids, coalesce(array_agg(week::text), '{}') AS weeks
     FROM changed`,
    [window.from, window.upto, PROBES_PER_INDEX_PAGE],
  );
  const candidates = { actorIds: [...touched!.actor_ids, ...written.actorIds], weeks: [...touched!.weeks, ...written.weeks] };
  const probe = candidates.actorIds.length < touched!.probes;
  if (probe && candidates.actorIds.length === 0) return 0;
  const crowded = probe
    ? `SELECT t.actor_id, t.week FROM (SELECT DISTINCT * FROM unnest($3::text[], $4::date[]) AS w(actor_id, week)) t
       WHERE (SELECT count(*) FROM (
                SELECT FROM ${ACTOR_PAIR_VECTORS_TABLE} v WHERE v.actor_id = t.actor_id AND v.week = t.week AND v.part <> 0
                LIMIT $1) n) >= $1
       LIMIT $2`
    : `SELECT actor_id, week FROM ${ACTOR_PAIR_VECTORS_TABLE} WHERE part <> 0
       GROUP BY actor_id, week HAVING count(*) >= $1 LIMIT $2`;
  const parts: Array<{ actor_id: string; week: string; others: Buffer }> = await sql.query(
    `WITH crowded AS (${crowded}),
     removed AS (
       DELETE FROM ${ACTOR_PAIR_VECTORS_TABLE} v USING crowded c WHERE v.actor_id = c.actor_id AND v.week = c.week
       RETURNING v.actor_id, v.week::text AS week, v.others)
     SELECT * FROM removed`,
    probe
      ? [PACKED_ROWS_PER_WEEK, MERGED_WEEKS_PER_ROUND, candidates.actorIds, candidates.weeks]
      : [PACKED_ROWS_PER_WEEK, MERGED_WEEKS_PER_ROUND],
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
