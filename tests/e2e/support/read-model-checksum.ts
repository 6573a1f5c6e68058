/** Per-table digests of the read models (not the consumer positions), order-independent. */
export const READ_MODEL_QUERIES: Record<string, string> = {
  articles: `SELECT id, url, outlet, title, body, published_at, received_at, status, analyzer_version, analysis_event_id FROM articles`,
  actors: `SELECT id, name, kind, role, aliases, first_seen, last_seen, mention_count, article_count, statement_count FROM actors`,
  mentions: `SELECT actor_id, article_id, count, sentiment_score, sentiment_label, seen_at FROM mentions`,
  statements: `SELECT id, article_id, speaker_id, speaker_name, kind, text, cue, start_offset, end_offset, sentiment_score,
                      sentiment_label, cluster_id, said_at FROM statements`,
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
