import { SqlRunner } from '../sql/sql-session';
import { ACTOR_PAIRS_TABLE } from './tables';

/** Every ordered pair of distinct actors of each contributing article, counted per UTC day of the article. */
export async function deriveActorPairs(sql: SqlRunner): Promise<void> {
  await sql.query(
    `INSERT INTO ${ACTOR_PAIRS_TABLE} (actor_id, day, other_actor_id, articles)
     SELECT m.actor_id, (m.seen_at AT TIME ZONE 'UTC')::date, o.actor_id, count(*)::int
     FROM mentions m JOIN mentions o ON o.article_id = m.article_id AND o.actor_id <> m.actor_id
     GROUP BY m.actor_id, (m.seen_at AT TIME ZONE 'UTC')::date, o.actor_id`,
  );
}
