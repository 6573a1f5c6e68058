import { SqlRunner } from '../sql/sql-session';
import { SENTIMENT_ENTRIES_TABLE } from './tables';

/**
 * One entry per actor and UTC hour of its mentions, and one per actor and UTC day; scores summed
 * in micro-units rounded half up, as `Math.round(Math.fround(score) * 1e6)`. Runs in UTC.
 */
export async function deriveSentimentEntries(sql: SqlRunner): Promise<void> {
  for (const granularity of ['hour', 'day'] as const) {
    await sql.query(
      `INSERT INTO ${SENTIMENT_ENTRIES_TABLE}
         (actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros)
       SELECT actor_id, $1, date_trunc($1, seen_at), sum(count)::int, count(*)::int,
              count(*) FILTER (WHERE sentiment_label = 'positive')::int,
              count(*) FILTER (WHERE sentiment_label = 'neutral')::int,
              count(*) FILTER (WHERE sentiment_label = 'negative')::int,
              sum(floor(sentiment_score::float8 * 1000000 + 0.5))::bigint
       FROM mentions GROUP BY actor_id, date_trunc($1, seen_at)`,
      [granularity],
    );
  }
}
