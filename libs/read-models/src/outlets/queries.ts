import { SqlRunner } from '../sql/sql-session';
import { isoInstant } from '../sql/iso-instant';

/** An outlet with its live articles and the distinct actors they cover. */
export interface OutletSummary {
  outlet: string;
  articleCount: number;
  actorCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

interface OutletRow {
  outlet: string;
  article_count: number;
  actor_count: number;
  first_seen: Date | null;
  last_seen: Date | null;
}

/** An outlet with how many of its live articles name one actor. */
export interface OutletCoverage {
  outlet: string;
  articles: number;
}

/** What the API reads from the outlets read model. */
export class OutletQueries {
  constructor(private readonly sql: SqlRunner) {}

  /**
   * Outlets by number of live articles, ties by name (byte order); a page starts `offset` rows in
   * or, with `after`, right after the outlet it names (a keyset on (article_count, outlet)).
   */
  async list(limit: number, offset: number, after?: { articleCount: number; outlet: string }): Promise<OutletSummary[]> {
    const rows: OutletRow[] = await this.sql.query(
      `SELECT outlet, article_count, actor_count, first_seen, last_seen FROM outlets
       WHERE $3::int IS NULL OR article_count < $3 OR (article_count = $3 AND outlet COLLATE "C" > $4::text)
       ORDER BY article_count DESC, outlet COLLATE "C" LIMIT $1 OFFSET $2`,
      [limit, offset, after?.articleCount ?? null, after?.outlet ?? null],
    );
    return rows.map((r) => ({
      outlet: r.outlet,
      articleCount: r.article_count,
      actorCount: r.actor_count,
      firstSeen: isoInstant(r.first_seen),
      lastSeen: isoInstant(r.last_seen),
    }));
  }

  /**
   * The outlets whose live articles name the actor, most articles first, ties by outlet in
   * descending byte order (the actor's rows, found through the actor index, sorted: an index holding the count would
   * cost every projector batch's updates their heap-only path); `after` continues after the row it names.
   */
  async coveringActor(actorId: string, limit: number, after?: OutletCoverage): Promise<OutletCoverage[]> {
    const rows: OutletCoverage[] = await this.sql.query(
      `SELECT outlet, articles FROM outlet_actors
       WHERE actor_id = $1 AND ($3::int IS NULL OR (articles, outlet) < ($3::int, $4::text))
       ORDER BY articles DESC, outlet DESC LIMIT $2`,
      [actorId, limit, after?.articles ?? null, after?.outlet ?? null],
    );
    return rows.map((r) => ({ outlet: r.outlet, articles: Number(r.articles) }));
  }
}
