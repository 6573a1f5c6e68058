import { SqlRunner } from '../sql/sql-session';
import { ACTOR_PAIR_ENTRIES_TABLE } from './tables';

/** An actor as a reference in another's page: who it is, without its counts. */
export interface ActorRef {
  id: string;
  name: string;
  kind: string;
  role: string | null;
}

/** An actor co-mentioned with another, and in how many live articles of the window. */
export interface RelatedActor {
  actor: ActorRef;
  articles: number;
}

/** Where a page of related actors continues: the last row's count and id. */
export interface RelatedAfter {
  articles: number;
  id: string;
}

/** What the API reads from the actor pairs read model. */
export class ActorPairQueries {
  constructor(private readonly sql: SqlRunner) {}

  /**
   * Actors mentioned in the same live articles as `actorId` in the UTC weeks starting on the Mondays in
   * [`firstWeek`, `endWeek`) (`YYYY-MM-DD`), most shared articles first, ties by id; `after` continues
   * a page. The rows read are one range of the ledger's covering (actor, week, other actor) index, entries
   * not yet compacted included; the ranking is over their sums, so the keyset applies to the grouped rows.
   */
  async related(
    actorId: string,
    firstWeek: string,
    endWeek: string,
    limit: number,
    after?: RelatedAfter,
  ): Promise<RelatedActor[]> {
    const rows: Array<{ id: string; name: string; kind: string; role: string | null; articles: number }> = await this.sql.query(
      `WITH ranked AS (
         SELECT other_actor_id, sum(articles)::int AS articles
         FROM ${ACTOR_PAIR_ENTRIES_TABLE}
         WHERE actor_id = $1 AND week >= $2::date AND week < $3::date
         GROUP BY other_actor_id
         HAVING sum(articles) > 0
            AND ($5::int IS NULL OR sum(articles) < $5::int
                 OR (sum(articles) = $5::int AND other_actor_id COLLATE "C" > $6::text))
         ORDER BY articles DESC, other_actor_id COLLATE "C"
         LIMIT $4)
       SELECT a.id, a.name, a.kind, a.role, r.articles
       FROM ranked r JOIN actors a ON a.id = r.other_actor_id
       ORDER BY r.articles DESC, r.other_actor_id COLLATE "C"`,
      [actorId, firstWeek, endWeek, limit, after?.articles ?? null, after?.id ?? null],
    );
    return rows.map((r) => ({ actor: { id: r.id, name: r.name, kind: r.kind, role: r.role }, articles: r.articles }));
  }
}
