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

/** What the API reads from the outlets read model. */
export class OutletQueries {
  constructor(private readonly sql: SqlRunner) {}

  /** Outlets by number of live articles. */
  async list(limit: number, offset: number): Promise<OutletSummary[]> {
    const rows: OutletRow[] = await this.sql.query(
      'SELECT outlet, article_count, actor_count, first_seen, last_seen FROM outlets ORDER BY article_count DESC, outlet LIMIT $1 OFFSET $2',
      [limit, offset],
    );
    return rows.map((r) => ({
      outlet: r.outlet,
      articleCount: r.article_count,
      actorCount: r.actor_count,
      firstSeen: isoInstant(r.first_seen),
      lastSeen: isoInstant(r.last_seen),
    }));
  }
}
