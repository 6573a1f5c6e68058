import { takeCompactionRow } from '../sql/ledger-compaction';
import { SqlRunner } from '../sql/sql-session';
import { ACTOR_PAIR_LEDGER } from './compaction';
import { addPairVectors } from './pair-vectors';
import { ACTOR_PAIR_ENTRIES_TABLE, ACTOR_PAIR_KEYS_TABLE, ACTOR_PAIR_VECTORS_TABLE } from './tables';

/** What one round of {@link packActorPairEntries} did. */
export interface PairPackingRound {
  /** False when another process held the co-mention ledger's compaction row (nothing done). */
  ran: boolean;
  /** Ledger entries moved into the vectors (deleted from the ledger). */
  packed: number;
  /** Rows of `actor_pair_vectors` written or deleted (a week whose co-mentions all went). */
  vectorsWritten: number;
}

const EMPTY = Buffer.alloc(0);

/**
 * Moves up to `maxEntries` co-mention entries out of the ledger into the packed weeks (`actor_pair_vectors`), in
 * the caller's transaction, so readers (who sum both) see each entry in one place or the other, never both. Any
 * entries will do: the ledger holds only entries not packed yet. Co-mentioned actors get their pair keys first
 * (in id order); an entry whose actor got no key here (written after that statement) waits for the next round.
 * Takes the ledger's compaction row, so it never runs beside a compaction round or a sweep, nor beside another
 * replica's packing (which it skips).
 */
export async function packActorPairEntries(sql: SqlRunner, maxEntries: number): Promise<PairPackingRound> {
  if (!(await takeCompactionRow(sql, ACTOR_PAIR_LEDGER))) return { ran: false, packed: 0, vectorsWritten: 0 };
  await sql.query(
    `INSERT INTO ${ACTOR_PAIR_KEYS_TABLE} (actor_id)
     SELECT other_actor_id FROM (
       SELECT DISTINCT e.other_actor_id FROM (SELECT other_actor_id FROM ${ACTOR_PAIR_ENTRIES_TABLE} LIMIT $1) e
       WHERE NOT EXISTS (SELECT FROM ${ACTOR_PAIR_KEYS_TABLE} k WHERE k.actor_id = e.other_actor_id)) new
     ORDER BY other_actor_id COLLATE "C" ON CONFLICT (actor_id) DO NOTHING`,
    [maxEntries],
  );
  // Each touched week's change as a vector built in SQL (`int4send` writes the slots' big-endian int32s).
  const changes: Array<{ actor_id: string; week: string; entries: number; delta: Buffer | null }> = await sql.query(
    `WITH picked AS (
       SELECT e.ctid AS entry FROM ${ACTOR_PAIR_ENTRIES_TABLE} e
       JOIN ${ACTOR_PAIR_KEYS_TABLE} k ON k.actor_id = e.other_actor_id LIMIT $1),
     moved AS (
       DELETE FROM ${ACTOR_PAIR_ENTRIES_TABLE} e WHERE e.ctid = ANY(ARRAY(SELECT entry FROM picked))
       RETURNING e.actor_id, e.week, e.other_actor_id, e.articles),
     sums AS (
       SELECT m.actor_id, m.week, k.key, sum(m.articles)::int AS articles, count(*)::int AS entries
       FROM moved m JOIN ${ACTOR_PAIR_KEYS_TABLE} k ON k.actor_id = m.other_actor_id
       GROUP BY m.actor_id, m.week, k.key)
     SELECT actor_id, week::text AS week, sum(entries)::int AS entries,
            string_agg(int4send(key) || int4send(articles), ''::bytea ORDER BY key) FILTER (WHERE articles <> 0) AS delta
     FROM sums GROUP BY actor_id, week`,
    [maxEntries],
  );
  if (changes.length === 0) return { ran: true, packed: 0, vectorsWritten: 0 };
  const actorIds = changes.map((c) => c.actor_id);
  const weeks = changes.map((c) => c.week);
  const packed: Array<{ actor_id: string; week: string; others: Buffer }> = await sql.query(
    `SELECT v.actor_id, v.week::text AS week, v.others
     FROM unnest($1::text[], $2::date[]) AS t(actor_id, week)
     JOIN ${ACTOR_PAIR_VECTORS_TABLE} v ON v.actor_id = t.actor_id AND v.week = t.week`,
    [actorIds, weeks],
  );
  const before = new Map(packed.map((p) => [`${p.actor_id}\u0000${p.week}`, p.others]));
  const kept = { actorIds: [] as string[], weeks: [] as string[], others: [] as Buffer[] };
  const emptied = { actorIds: [] as string[], weeks: [] as string[] };
  for (const { actor_id, week, delta } of changes) {
    const after = addPairVectors(before.get(`${actor_id}\u0000${week}`) ?? EMPTY, delta ?? EMPTY);
    if (after.length > 0) {
      kept.actorIds.push(actor_id);
      kept.weeks.push(week);
      kept.others.push(after);
    } else {
      emptied.actorIds.push(actor_id);
      emptied.weeks.push(week);
    }
  }
  await sql.query(
    `INSERT INTO ${ACTOR_PAIR_VECTORS_TABLE} (actor_id, week, others)
     SELECT * FROM unnest($1::text[], $2::date[], $3::bytea[])
     ON CONFLICT (actor_id, week) DO UPDATE SET others = excluded.others`,
    [kept.actorIds, kept.weeks, kept.others],
  );
  await sql.query(
    `DELETE FROM ${ACTOR_PAIR_VECTORS_TABLE} v USING unnest($1::text[], $2::date[]) AS t(actor_id, week)
     WHERE v.actor_id = t.actor_id AND v.week = t.week`,
    [emptied.actorIds, emptied.weeks],
  );
  return {
    ran: true,
    packed: changes.reduce((sum, c) => sum + c.entries, 0),
    vectorsWritten: changes.length,
  };
}
