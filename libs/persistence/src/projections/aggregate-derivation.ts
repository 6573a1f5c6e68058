import { EntityManager } from 'typeorm';

/**
 * The read models' aggregate tables derived in one pass from the row tables (articles, mentions,
 * statements), in the current search path. The same rules as the incremental fold
 * (`aggregateChanges` and the upserts in the project service), so a schema built either way
 * holds the same rows:
 * - actors: longest name (ties: first in byte order), first role, sorted union of aliases, seen
 *   window, mention and article counts, and statements whose speaker is an actor of their article;
 * - actor_sentiment: per actor and UTC hour/day of the mention, scores summed in micro-units
 *   rounded half up (`Math.round(Math.fround(score) * 1e6)`);
 * - statement_reach: per cluster, first appearance by (time, article id, statement id) and
 *   the outlets carrying it;
 * - outlet_actors and outlets: articles per outlet and actor, distinct actors per outlet.
 */
export async function deriveReadModelAggregates(manager: EntityManager): Promise<void> {
  await manager.query('TRUNCATE actors, actor_sentiment, statement_reach, outlet_actors, outlets');
  await manager.query(
    `WITH spoken AS (
       SELECT s.speaker_id AS actor_id, count(*)::int AS statements
       FROM statements s JOIN mentions m ON m.actor_id = s.speaker_id AND m.article_id = s.article_id
       GROUP BY s.speaker_id),
     aliases AS (
       SELECT actor_id, array_agg(alias ORDER BY alias) AS aliases
       FROM (SELECT DISTINCT m.actor_id, x COLLATE "C" AS alias FROM mentions m, unnest(m.aliases) x) a
       GROUP BY actor_id)
     INSERT INTO actors (id, name, kind, role, aliases, first_seen, last_seen, mention_count, article_count, statement_count)
     SELECT m.actor_id, (array_agg(m.name ORDER BY length(m.name) DESC, m.name COLLATE "C"))[1], min(m.kind),
            min(m.role COLLATE "C"), COALESCE(min(a.aliases), '{}'), min(m.seen_at), max(m.seen_at), sum(m.count),
            count(*), COALESCE(min(s.statements), 0)
     FROM mentions m LEFT JOIN aliases a USING (actor_id) LEFT JOIN spoken s USING (actor_id)
     GROUP BY m.actor_id`,
  );
  await manager.query(
    `INSERT INTO actor_sentiment (actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative,
                                  score_micros, mean_score)
     SELECT actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros,
            round(score_micros::numeric / articles / 1000000, 6)
     FROM (SELECT m.actor_id, g.granularity,
                  date_trunc(g.granularity, m.seen_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS bucket_start,
                  sum(m.count)::int AS mentions, count(*)::int AS articles,
                  count(*) FILTER (WHERE m.sentiment_label = 'positive')::int AS positive,
                  count(*) FILTER (WHERE m.sentiment_label = 'neutral')::int AS neutral,
                  count(*) FILTER (WHERE m.sentiment_label = 'negative')::int AS negative,
                  sum(floor(m.sentiment_score::float8 * 1000000 + 0.5))::bigint AS score_micros
           FROM mentions m CROSS JOIN (VALUES ('hour'), ('day')) AS g(granularity)
           GROUP BY 1, 2, 3) b`,
  );
  await manager.query(
    `INSERT INTO statement_reach (cluster_id, speaker_id, statement_count, outlet_count, first_statement_id, first_article_id,
                                  first_outlet, first_seen, last_seen)
     SELECT cluster_id, min(speaker_id COLLATE "C"), count(*), count(DISTINCT outlet),
            (array_agg(id ORDER BY said_at, article_id COLLATE "C", id COLLATE "C"))[1],
            (array_agg(article_id ORDER BY said_at, article_id COLLATE "C", id COLLATE "C"))[1],
            (array_agg(outlet ORDER BY said_at, article_id COLLATE "C", id COLLATE "C"))[1],
            min(said_at), max(said_at)
     FROM statements GROUP BY cluster_id`,
  );
  await manager.query(
    `INSERT INTO outlet_actors (outlet, actor_id, articles)
     SELECT outlet, actor_id, count(*) FROM mentions WHERE outlet IS NOT NULL GROUP BY outlet, actor_id`,
  );
  await manager.query(
    `INSERT INTO outlets (outlet, article_count, actor_count, first_seen, last_seen)
     SELECT a.contributed_outlet, count(*), COALESCE(min(oa.actors), 0), min(a.contributed_at), max(a.contributed_at)
     FROM articles a LEFT JOIN (SELECT outlet, count(*)::int AS actors FROM outlet_actors GROUP BY outlet) oa
          ON oa.outlet = a.contributed_outlet
     WHERE a.contributed_outlet IS NOT NULL
     GROUP BY a.contributed_outlet`,
  );
}
