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
};


export async function readModelChecksums(
  query: <T>(sql: string) => Promise<T[]>,
): Promise<Record<string, { rows: number; md5: string }>> {
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const [table, select] of Object.entries(READ_MODEL_QUERIES)) {
    const [row] = await query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM (${select}) t`,
    );
    result[table] = row!;
  }
  return result;
}

/**
 * Aggregates recounted from the row tables that differ from the stored ones: actor counts,
 * sentiment buckets and outlet counts. Empty when nothing drifted.
 */
export async function aggregateDrift(query: <T>(sql: string) => Promise<T[]>): Promise<string[]> {
  const checks: Record<string, string> = {
    actors: `(SELECT actor_id AS id, sum(count)::int AS mentions, count(*)::int AS articles FROM mentions GROUP BY 1)
             EXCEPT ALL (SELECT id, mention_count, article_count FROM actors)`,
    actor_sentiment: `(SELECT actor_id, 'day' AS g, date_trunc('day', seen_at AT TIME ZONE 'UTC') AS b, sum(count)::int, count(*)::int,
                              sum(round(sentiment_score::float8 * 1000000))::bigint
                       FROM mentions GROUP BY 1, 2, 3)
                      EXCEPT ALL (SELECT actor_id, granularity, bucket_start AT TIME ZONE 'UTC', mentions, articles, score_micros
                                  FROM actor_sentiment WHERE granularity = 'day')`,
    outlets: `(SELECT contributed_outlet, count(*)::int FROM articles WHERE contributed_outlet IS NOT NULL GROUP BY 1)
              EXCEPT ALL (SELECT outlet, article_count FROM outlets)`,
    outlet_actors: `(SELECT outlet, count(DISTINCT actor_id)::int FROM mentions WHERE outlet IS NOT NULL GROUP BY 1)
                    EXCEPT ALL (SELECT outlet, actor_count FROM outlets)`,
  };
  const drift: string[] = [];
  for (const [name, sql] of Object.entries(checks)) {
    const rows = await query<Record<string, unknown>>(sql);
    if (rows.length > 0) drift.push(`${name}: ${JSON.stringify(rows.slice(0, 3))}`);
  }
  return drift;
}
