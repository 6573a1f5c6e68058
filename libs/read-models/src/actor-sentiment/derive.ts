import { SqlRunner } from '../sql/sql-session';
import { SENTIMENT_ENTRIES_TABLE } from './tables';

const ENTRY_COLUMNS = 'actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros';

/**
 * One entry per actor and UTC hour of its mentions, scores summed in micro-units rounded half up,
 * as `Math.round(Math.fround(score) * 1e6)`; then one per actor and UTC day, summed from those
 * hours (exact integer sums, and far fewer rows than the mentions, which are read once). Runs in UTC.
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
  await sql.query(
    `INSERT INTO ${SENTIMENT_ENTRIES_TABLE} (${ENTRY_COLUMNS})
     SELECT actor_id, 'day', date_trunc('day', bucket_start), sum(mentions), sum(articles), sum(positive), sum(neutral),
            sum(negative), sum(score_micros)
     FROM ${SENTIMENT_ENTRIES_TABLE} WHERE granularity = 'hour' GROUP BY actor_id, date_trunc('day', bucket_start)`,
  );
}
