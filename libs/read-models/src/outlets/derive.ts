import { SqlRunner } from '../sql/sql-session';

/** Articles per outlet and actor; per outlet its articles, distinct actors and seen window. */
export async function deriveOutlets(sql: SqlRunner): Promise<void> {
  await sql.query(
    `INSERT INTO outlet_actors (outlet, actor_id, articles)
     SELECT outlet, actor_id, count(*) FROM mentions WHERE outlet IS NOT NULL GROUP BY outlet, actor_id`,
  );
  await sql.query(
    `INSERT INTO outlets (outlet, article_count, actor_count, first_seen, last_seen)
     SELECT a.contributed_outlet, count(*), COALESCE(min(oa.actors), 0), min(a.contributed_at), max(a.contributed_at)
     FROM articles a LEFT JOIN (SELECT outlet, count(*)::int AS actors FROM outlet_actors GROUP BY outlet) oa
          ON oa.outlet = a.contributed_outlet
     WHERE a.contributed_outlet IS NOT NULL
     GROUP BY a.contributed_outlet`,
  );
}
