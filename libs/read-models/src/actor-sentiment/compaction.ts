import { SqlRunner } from '../sql/sql-session';
import { SENTIMENT_COMPACTION_TABLE, SENTIMENT_ENTRIES_TABLE } from './tables';

export interface SentimentCompaction {
  /** False when another process was compacting (nothing done). */
  ran: boolean;
  /** Entries folded away (rows before minus rows after). */
  entriesRemoved: number;
  /** Entries not yet looked at after this round (more work for the next). */
  remaining: number;
}

/**
 * Folds the entries of every (actor, granularity, bucket) that received entries since the last round into one
 * row (none if they cancel out), in one transaction, so readers see the sums before or after,
 * never half. Batches keep appending meanwhile: they only insert, and an entry committed after
 * this round's snapshot stays as it is (the view sums it all the same) until its bucket gets
 * entries again. One process compacts at a time (the others skip);
 * at most `maxEntries` new entries are looked at per round. Runs in the current search path.
 */
export async function compactSentimentEntries(manager: SqlRunner, maxEntries = 200_000): Promise<SentimentCompaction> {
  // The ledger before the compaction row, in the order the projection lists its tables (the order
  // a rebuild's swap locks them in), so a round never holds the row while waiting for the ledger.
  // Row exclusive, as the writes below take it anyway: batches appending meanwhile are not held up.
  await manager.query(`LOCK TABLE ${SENTIMENT_ENTRIES_TABLE} IN ROW EXCLUSIVE MODE`);
  // The row is made by the first round (in a new schema, a rebuild's shadow too). Not by an
  // upsert: that would wait for a round in progress, which has the row locked, instead of skipping.
  await manager.query(
    `INSERT INTO ${SENTIMENT_COMPACTION_TABLE} SELECT WHERE NOT EXISTS (SELECT FROM ${SENTIMENT_COMPACTION_TABLE})
     ON CONFLICT DO NOTHING`,
  );
  const [mark]: Array<{ compacted_through: string }> = await manager.query(
    `SELECT compacted_through FROM ${SENTIMENT_COMPACTION_TABLE} FOR UPDATE SKIP LOCKED`,
  );
  if (!mark) return { ran: false, entriesRemoved: 0, remaining: 0 };
  const [{ last }]: Array<{ last: string | null }> = await manager.query(
    `SELECT pg_sequence_last_value(pg_get_serial_sequence($1, 'entry_id'))::text AS last`,
    [SENTIMENT_ENTRIES_TABLE],
  );
  const from = BigInt(mark.compacted_through);
  const newest = BigInt(last ?? '0');
  const through = newest - from > BigInt(maxEntries) ? from + BigInt(maxEntries) : newest;
  if (through <= from) return { ran: true, entriesRemoved: 0, remaining: 0 };
  const [[folded]]: [[{ removed: number; added: number }], number] = await manager.query(
    `WITH touched AS (
       SELECT DISTINCT actor_id, granularity, bucket_start FROM ${SENTIMENT_ENTRIES_TABLE} WHERE entry_id > $1 AND entry_id <= $2),
     crowded AS (
       SELECT e.actor_id, e.granularity, e.bucket_start
       FROM ${SENTIMENT_ENTRIES_TABLE} e JOIN touched t USING (actor_id, granularity, bucket_start)
       GROUP BY e.actor_id, e.granularity, e.bucket_start HAVING count(*) > 1),
     removed AS (
       DELETE FROM ${SENTIMENT_ENTRIES_TABLE} e USING crowded c
       WHERE e.actor_id = c.actor_id AND e.granularity = c.granularity AND e.bucket_start = c.bucket_start
       RETURNING e.*),
     added AS (
       INSERT INTO ${SENTIMENT_ENTRIES_TABLE}
         (actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros)
       SELECT actor_id, granularity, bucket_start, sum(mentions), sum(articles), sum(positive), sum(neutral), sum(negative),
              sum(score_micros)
       FROM removed GROUP BY actor_id, granularity, bucket_start
       HAVING sum(mentions) <> 0 OR sum(articles) <> 0 OR sum(positive) <> 0 OR sum(neutral) <> 0 OR sum(negative) <> 0
           OR sum(score_micros) <> 0
       RETURNING 1)
     UPDATE ${SENTIMENT_COMPACTION_TABLE} SET compacted_through = $2
     RETURNING (SELECT count(*) FROM removed)::int AS removed, (SELECT count(*) FROM added)::int AS added`,
    [from.toString(), through.toString()],
  );
  return { ran: true, entriesRemoved: folded.removed - folded.added, remaining: Number(newest - through) };
}
