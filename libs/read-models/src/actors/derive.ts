import { SqlRunner } from '../sql/sql-session';

/**
 * The actors from the mention and statement rows, by the fold's rules: longest name (ties: first
 * in byte order), first role, sorted union of aliases, seen window, counts, and the statements
 * whose speaker is an actor of their own article.
 */
export async function deriveActors(sql: SqlRunner): Promise<void> {
  await sql.query(
    `WITH totals AS (
       SELECT actor_id, min(kind) AS kind, min(role COLLATE "C") AS role, min(seen_at) AS first_seen,
              max(seen_at) AS last_seen, sum(count) AS mentions, count(*) AS articles
       FROM mentions GROUP BY actor_id),
     names AS (
       SELECT DISTINCT ON (actor_id) actor_id, name
       FROM (SELECT DISTINCT actor_id, name FROM mentions) n
       ORDER BY actor_id, length(name) DESC, name COLLATE "C"),
     aliases AS (
       SELECT actor_id, array_agg(alias ORDER BY alias) AS aliases
       FROM (SELECT DISTINCT m.actor_id, x COLLATE "C" AS alias FROM mentions m, unnest(m.aliases) x) a
       GROUP BY actor_id),
     spoken AS (
       SELECT s.speaker_id AS actor_id, count(*)::int AS statements
       FROM statements s JOIN mentions m ON m.actor_id = s.speaker_id AND m.article_id = s.article_id
       GROUP BY s.speaker_id)
     INSERT INTO actors (id, name, kind, role, aliases, first_seen, last_seen, mention_count, article_count, statement_count)
     SELECT t.actor_id, n.name, t.kind, t.role, COALESCE(a.aliases, '{}'), t.first_seen, t.last_seen, t.mentions,
            t.articles, COALESCE(s.statements, 0)
     FROM totals t JOIN names n USING (actor_id) LEFT JOIN aliases a USING (actor_id) LEFT JOIN spoken s USING (actor_id)`,
  );
}
