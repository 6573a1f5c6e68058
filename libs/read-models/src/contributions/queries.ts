import { SqlRunner } from '../sql/sql-session';
import { isoInstant } from '../sql/iso-instant';

type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** A statement with its speaker, article and reach ("first said in X, carried by N outlets"). */
export interface StatementSummary {
  id: string;
  text: string;
  kind: 'direct' | 'indirect';
  cue: string | null;
  articleId: string;
  articleUrl: string | null;
  outlet: string | null;
  start: number;
  end: number;
  sentiment: { score: number; label: SentimentLabel };
  clusterId: string;
  saidAt: string;
  speaker: { id: string; name: string } | null;
  reach: { firstOutlet: string | null; firstArticleId: string | null; firstSeen: string | null; outletCount: number } | null;
}

/** An actor as one article mentions it. */
export interface ArticleActor {
  id: string;
  name: string;
  kind: string;
  role: string | null;
  mentions: number;
  sentiment: { score: number; label: SentimentLabel };
}

const STATEMENT_SELECT = `
  SELECT s.id, s.text, s.kind, s.cue, s.article_id, a.url, a.outlet, s.start_offset, s.end_offset,
         s.sentiment_score, s.sentiment_label, s.cluster_id, s.said_at, s.speaker_id, s.speaker_name,
         r.first_outlet, r.first_article_id, r.first_seen, r.outlet_count
  FROM statements s LEFT JOIN articles a ON a.id = s.article_id LEFT JOIN statement_reach r ON r.cluster_id = s.cluster_id`;

/** What the API reads from the mention and statement rows. */
export class ContributionQueries {
  constructor(private readonly sql: SqlRunner) {}

  /** The actor's statements, newest first. */
  async statementsBy(actorId: string, limit: number, offset: number): Promise<StatementSummary[]> {
    const rows: StatementRow[] = await this.sql.query(
      `${STATEMENT_SELECT} WHERE s.speaker_id = $1 ORDER BY s.said_at DESC, s.article_id, s.start_offset LIMIT $2 OFFSET $3`,
      [actorId, limit, offset],
    );
    return rows.map(toStatementSummary);
  }

  /** The article's statements in text order. */
  async statementsInArticle(articleId: string): Promise<StatementSummary[]> {
    const rows: StatementRow[] = await this.sql.query(`${STATEMENT_SELECT} WHERE s.article_id = $1 ORDER BY s.start_offset`, [
      articleId,
    ]);
    return rows.map(toStatementSummary);
  }

  /** The actors the article mentions, most mentioned first. */
  async actorsInArticle(articleId: string): Promise<ArticleActor[]> {
    const rows: ArticleActorRow[] = await this.sql.query(
      `SELECT a.id, a.name, a.kind, a.role, m.count AS mentions, m.sentiment_score, m.sentiment_label
       FROM mentions m JOIN actors a ON a.id = m.actor_id WHERE m.article_id = $1 ORDER BY m.count DESC, a.id`,
      [articleId],
    );
    return rows.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      role: a.role,
      mentions: a.mentions,
      sentiment: { score: a.sentiment_score, label: a.sentiment_label },
    }));
  }
}

interface ArticleActorRow {
  id: string;
  name: string;
  kind: string;
  role: string | null;
  mentions: number;
  sentiment_score: number;
  sentiment_label: SentimentLabel;
}

interface StatementRow {
  id: string;
  text: string;
  kind: 'direct' | 'indirect';
  cue: string | null;
  article_id: string;
  url: string | null;
  outlet: string | null;
  start_offset: number;
  end_offset: number;
  sentiment_score: number;
  sentiment_label: SentimentLabel;
  cluster_id: string;
  said_at: Date;
  speaker_id: string | null;
  speaker_name: string | null;
  first_outlet: string | null;
  first_article_id: string | null;
  first_seen: Date | null;
  outlet_count: number | null;
}

function toStatementSummary(row: StatementRow): StatementSummary {
  return {
    id: row.id,
    text: row.text,
    kind: row.kind,
    cue: row.cue,
    articleId: row.article_id,
    articleUrl: row.url,
    outlet: row.outlet,
    start: row.start_offset,
    end: row.end_offset,
    sentiment: { score: row.sentiment_score, label: row.sentiment_label },
    clusterId: row.cluster_id,
    saidAt: isoInstant(row.said_at),
    speaker: row.speaker_id ? { id: row.speaker_id, name: row.speaker_name as string } : null,
    reach:
      row.outlet_count === null || row.outlet_count === undefined
        ? null
        : {
            firstOutlet: row.first_outlet,
            firstArticleId: row.first_article_id,
            firstSeen: isoInstant(row.first_seen),
            outletCount: row.outlet_count,
          },
  };
}
