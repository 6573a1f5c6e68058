import { SqlRunner } from '../sql/sql-session';
import { SENTIMENT_ENTRIES_TABLE } from './tables';

const ENTRY_COLUMNS = 'actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros';

/**
 * One entry per actor and UTC hour of its mentions, scores summed in micro-units rounded half up, as
 * `Math.round(Math.fround(score) * 1e6)`, all of the derivation's transaction: a shadow's compaction row is made by
 * its first round, so until then its mark is 0, reads sum every entry, and that round adds them all to the running
 * totals once the rebuild is live. Runs in UTC.
 */
export async function deriveSentimentEntries(sql: SqlRunner): Promise<void> {
  await sql.query(
    `INSERT INTO ${SENTIMENT_ENTRIES_TABLE} (${ENTRY_COLUMNS})
     SELECT actor_id, 'hour', date_trunc('hour', seen_at), sum(count)::int, count(*)::int,
            count(*) FILTER (WHERE sentiment_label = 'positive')::int,
            count(*) FILTER (WHERE sentiment_label = 'neutral')::int,
            count(*) FILTER (WHERE sentiment_label = 'negative')::int,
            sum(floor(sentiment_score::float8 * 1000000 + 0.5))::bigint
     FROM mentions GROUP BY actor_id, date_trunc('hour', seen_at)`,
  );
}
