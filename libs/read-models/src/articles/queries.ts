import { SqlRunner } from '../sql/sql-session';
import { ArticleContentRow, ArticleStatus } from './fold';
import { StanceRow } from '../contributions/fold';
import { isoInstant } from '../sql/iso-instant';
import { SpeakerStance, StanceKey, stancesBySpeaker } from './stances-by-speaker';

export type { SpeakerStance, StanceKey } from './stances-by-speaker';

/** An article's own columns, as the API shows them: its content, status, which analysis is in place and its stances. */
export type ArticleSummary = Omit<ArticleContentRow, 'contentOffset'> & {
  status: ArticleStatus;
  analyzerVersion: string | null;
  analyzedAt: string | null;
  stances: Array<StanceRow & { unnamedSpeaker: string | null }>;
};

interface ArticleRow {
  id: string;
  url: string | null;
  outlet: string | null;
  title: string;
  body: string;
  published_at: Date | null;
  received_at: Date;
  status: ArticleStatus;
  analyzer_version: string | null;
  analyzed_at: Date | null;
  stances: StanceRow[];
}

/** What the API reads from the articles read model. */
export class ArticleQueries {
  constructor(private readonly sql: SqlRunner) {}

  async findById(id: string): Promise<ArticleSummary | null> {
    const [row]: ArticleRow[] = await this.sql.query(
      `SELECT id, url, outlet, title, body, published_at, received_at, status, analyzer_version, analyzed_at, stances
       FROM articles WHERE id = $1`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id,
      url: row.url,
      outlet: row.outlet,
      title: row.title,
      body: row.body,
      publishedAt: isoInstant(row.published_at),
      receivedAt: isoInstant(row.received_at),
      status: row.status,
      analyzerVersion: row.analyzer_version,
      analyzedAt: isoInstant(row.analyzed_at),
      stances: row.stances.map((stance) => ({ ...stance, unnamedSpeaker: stance.unnamedSpeaker ?? null })),
    };
  }

  /** One page of the stances whose speaker is the actor, newest article first (see {@link stancesBySpeaker}). */
  stancesBy(
    actorId: string,
    limit: number,
    after: StanceKey | null,
  ): Promise<{ stances: SpeakerStance[]; next: StanceKey | null }> {
    return stancesBySpeaker(this.sql, actorId, limit, after);
  }
}
