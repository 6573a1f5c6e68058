/** Per-table digests of the read models (not the consumer positions), order-independent. */
export const READ_MODEL_QUERIES: Record<string, string> = {
  articles: `SELECT id, url, outlet, title, body, published_at, received_at, status, analyzer_version, analysis_event_id,
                    content_offset, analysis_offset, retracted_offset, retracted_at, retraction_reason, contributed_outlet,
                    contributed_at FROM articles`,
  actors: `SELECT id, name, kind, role, aliases, first_seen, last_seen, mention_count, article_count, statement_count FROM actors`,
  mentions: `SELECT actor_id, article_id, outlet, name, kind, role, aliases, count, sentiment_score, sentiment_label, seen_at
             FROM mentions`,
  statements: `SELECT id, article_id, outlet, speaker_id, speaker_name, kind, text, cue, start_offset, end_offset, sentiment_score,
                      sentiment_label, cluster_id, said_at FROM statements`,
  actor_sentiment: `SELECT actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros,
                           mean_score FROM actor_sentiment`,
  statement_reach: `SELECT cluster_id, speaker_id, statement_count, outlet_count, first_statement_id, first_article_id,
                              first_outlet, first_seen, last_seen FROM statement_reach`,
  outlet_actors: `SELECT outlet, actor_id, articles FROM outlet_actors`,
  outlets: `SELECT outlet, article_count, actor_count, first_seen, last_seen FROM outlets`,
  actor_pairs: `SELECT actor_id, week, other_actor_id, articles FROM actor_pairs`,
};

/** The row count and an md5 of the rows of `select` in a fixed order, as one row `{rows, md5}`: equal when the rows are. */
export function rowsChecksumSql(select: string): string {
  return `SELECT count(*)::int AS rows, md5(COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM (${select}) t`;
}

export async function readModelChecksums(
  query: <T>(sql: string) => Promise<T[]>,
): Promise<Record<string, { rows: number; md5: string }>> {
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const [table, select] of Object.entries(READ_MODEL_QUERIES)) {
    const [row] = await query<{ rows: number; md5: string }>(rowsChecksumSql(select));
    result[table] = row!;
  }
  return result;
}

/**
 * Aggregates that differ from a recount of the row tables, looked at both ways: recounted values
 * the store lacks, and stored values nothing in the rows accounts for (a count left behind by a
 * removed article, a bucket or outlet with no rows under it). Actor counts, sentiment buckets
 * (hour and day), statement reach, outlets, outlet-actor pairs and actor pairs. Empty when nothing drifted.
 */
export async function aggregateDrift(query: <T>(sql: string) => Promise<T[]>): Promise<string[]> {
  const checks: Record<string, { recount: string; stored: string }> = {
    actors: {
      recount: `SELECT m.actor_id AS id, sum(m.count)::int AS mentions, count(*)::int AS articles,
                       (SELECT count(*)::int FROM statements s WHERE s.speaker_id = m.actor_id) AS statements
                FROM mentions m GROUP BY m.actor_id`,
      stored: 'SELECT id, mention_count, article_count, statement_count FROM actors',
    },
    actor_sentiment: {
      recount: `SELECT actor_id, g.granularity, date_trunc(g.granularity, seen_at, 'UTC') AS bucket, sum(count)::int AS mentions,
                       count(*)::int AS articles, count(*) FILTER (WHERE sentiment_label = 'positive')::int AS positive,
                       count(*) FILTER (WHERE sentiment_label = 'neutral')::int AS neutral,
                       count(*) FILTER (WHERE sentiment_label = 'negative')::int AS negative,
                       sum(floor(sentiment_score::float8 * 1000000 + 0.5))::bigint AS score_micros
                FROM mentions CROSS JOIN (VALUES ('hour'), ('day')) AS g(granularity) GROUP BY 1, 2, 3`,
      stored: `SELECT actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros
               FROM actor_sentiment`,
    },
    statement_reach: {
      recount: `SELECT cluster_id, count(*)::int AS statements, count(DISTINCT outlet)::int AS outlets, min(said_at) AS first_seen,
                       max(said_at) AS last_seen
                FROM statements GROUP BY cluster_id`,
      stored: 'SELECT cluster_id, statement_count, outlet_count, first_seen, last_seen FROM statement_reach',
    },
    outlets: {
      recount: `SELECT a.contributed_outlet AS outlet, count(DISTINCT a.id)::int AS articles, count(DISTINCT m.actor_id)::int AS actors,
                       min(a.contributed_at) AS first_seen, max(a.contributed_at) AS last_seen
                FROM articles a LEFT JOIN mentions m ON m.article_id = a.id
                WHERE a.contributed_outlet IS NOT NULL GROUP BY 1`,
      stored: 'SELECT outlet, article_count, actor_count, first_seen, last_seen FROM outlets',
    },
    outlet_actors: {
      recount: 'SELECT outlet, actor_id, count(*)::int AS articles FROM mentions WHERE outlet IS NOT NULL GROUP BY 1, 2',
      stored: 'SELECT outlet, actor_id, articles FROM outlet_actors',
    },
    actor_pairs: {
      recount: `SELECT m.actor_id, date_trunc('week', m.seen_at AT TIME ZONE 'UTC')::date AS week, o.actor_id AS other_actor_id,
                       count(*)::int AS articles
                FROM mentions m JOIN mentions o ON o.article_id = m.article_id AND o.actor_id <> m.actor_id GROUP BY 1, 2, 3`,
      stored: 'SELECT actor_id, week, other_actor_id, articles FROM actor_pairs',
    },
  };
  const drift: string[] = [];
  for (const [name, { recount, stored }] of Object.entries(checks)) {
    const rows = await query<Record<string, unknown>>(
      `(SELECT 'recount only' AS side, d.* FROM ((${recount}) EXCEPT ALL (${stored})) d LIMIT 3)
       UNION ALL
       (SELECT 'stored only', d.* FROM ((${stored}) EXCEPT ALL (${recount})) d LIMIT 3)`,
    );
    if (rows.length > 0) drift.push(`${name}: ${JSON.stringify(rows)}`);
  }
  return drift;
}
