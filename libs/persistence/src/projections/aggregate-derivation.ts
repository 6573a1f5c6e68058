import { EntityManager } from 'typeorm';
import { SENTIMENT_ENTRIES_TABLE } from './actor-sentiment';

/** Fills some aggregate tables from the row tables, in the current search path and UTC. */
export interface AggregateDerivation {
  /** The tables it truncates and fills; no two derivations share one, so they may run at once. */
  tables: string[];
  derive: (manager: EntityManager) => Promise<void>;
}

/**
 * The read models' aggregate tables derived from the row tables (articles, mentions, statements)
 * by the same rules as the incremental fold (`aggregateChanges` and the project service's
 * upserts), so a schema built either way holds the same rows. Largest first.
 */
export const READ_MODEL_AGGREGATE_DERIVATIONS: readonly AggregateDerivation[] = [
  {
    // One entry per actor and UTC hour of its mentions (the view sums days from hours); scores
    // summed in micro-units rounded half up, as `Math.round(Math.fround(score) * 1e6)`.
    tables: [SENTIMENT_ENTRIES_TABLE],
    derive: (manager) =>
      manager.query(
        `INSERT INTO ${SENTIMENT_ENTRIES_TABLE} (actor_id, bucket_start, mentions, articles, positive, neutral, negative, score_micros)
         SELECT actor_id, date_trunc('hour', seen_at), sum(count)::int, count(*)::int,
                count(*) FILTER (WHERE sentiment_label = 'positive')::int,
                count(*) FILTER (WHERE sentiment_label = 'neutral')::int,
                count(*) FILTER (WHERE sentiment_label = 'negative')::int,
                sum(floor(sentiment_score::float8 * 1000000 + 0.5))::bigint
         FROM mentions GROUP BY actor_id, date_trunc('hour', seen_at)`,
      ),
  },
  {
    // First appearance by (time, article id, statement id); the outlets carrying the statement.
    tables: ['statement_reach'],
    derive: (manager) =>
      manager.query(
        `INSERT INTO statement_reach (cluster_id, speaker_id, statement_count, outlet_count, first_statement_id,
                                      first_article_id, first_outlet, first_seen, last_seen)
         SELECT cluster_id, min(speaker_id COLLATE "C"), count(*), count(DISTINCT outlet),
                (array_agg(id ORDER BY said_at, article_id COLLATE "C", id COLLATE "C"))[1],
                (array_agg(article_id ORDER BY said_at, article_id COLLATE "C", id COLLATE "C"))[1],
                (array_agg(outlet ORDER BY said_at, article_id COLLATE "C", id COLLATE "C"))[1],
                min(said_at), max(said_at)
         FROM statements GROUP BY cluster_id`,
      ),
  },
  {
    // Longest name (ties: first in byte order), first role, sorted union of aliases, seen window,
    // counts, and the statements whose speaker is an actor of their own article.
    tables: ['actors'],
    derive: (manager) =>
      manager.query(
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
      ),
  },
  {
    // Articles per outlet and actor; per outlet its articles, distinct actors and seen window.
    tables: ['outlet_actors', 'outlets'],
    derive: async (manager) => {
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
    },
  },
];
