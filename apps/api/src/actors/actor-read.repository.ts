import { DataSource } from 'typeorm';
import { containsPattern } from '../common/like-pattern';
import { ActorSummary, SentimentBucket, StatementView } from './actor.view';

/** Dashboard queries over the actors and statements read models. */
export class ActorReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Actors whose name or any alias contains `query` literally (case-insensitive, accents folded
   * by the caller's input only; `%` and `_` are plain characters), most-mentioned first.
   */
  async search(query: string | undefined, limit: number, offset: number): Promise<ActorSummary[]> {
    const rows = await this.dataSource.query(
      `SELECT id, name, kind, role, aliases, mention_count, article_count, statement_count, first_seen, last_seen
       FROM actors
       WHERE $1::text IS NULL OR name ILIKE $1 ESCAPE '\\' OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE a ILIKE $1 ESCAPE '\\')
       ORDER BY mention_count DESC, id LIMIT $2 OFFSET $3`,
      [query === undefined ? null : containsPattern(query), limit, offset],
    );
    return rows.map(toActorSummary);
  }

  async findById(id: string): Promise<ActorSummary | null> {
    const rows = await this.dataSource.query(
      `SELECT id, name, kind, role, aliases, mention_count, article_count, statement_count, first_seen, last_seen
       FROM actors WHERE id = $1`,
      [id],
    );
    return rows[0] ? toActorSummary(rows[0]) : null;
  }

  /** The actor's statements, newest first. */
  async statementsBy(actorId: string, limit: number, offset: number): Promise<StatementView[]> {
    const rows = await this.dataSource.query(
      `${STATEMENT_SELECT} WHERE s.speaker_id = $1 ORDER BY s.said_at DESC, s.article_id, s.start_offset LIMIT $2 OFFSET $3`,
      [actorId, limit, offset],
    );
    return rows.map(toStatementView);
  }

  /** Sentiment toward the actor per hour or day, oldest first, within [from, to) (UTC ISO 8601 instants). */
  async sentimentSeries(
    actorId: string,
    granularity: 'hour' | 'day',
    from: string | null,
    to: string | null,
  ): Promise<SentimentBucket[]> {
    const rows = await this.dataSource.query(
      `SELECT bucket_start, mentions, articles, positive, neutral, negative, mean_score
       FROM actor_sentiment
       WHERE actor_id = $1 AND granularity = $2
         AND ($3::timestamptz IS NULL OR bucket_start >= $3) AND ($4::timestamptz IS NULL OR bucket_start < $4)
       ORDER BY bucket_start`,
      [actorId, granularity, from, to],
    );
    return rows.map((r: Record<string, unknown>) => ({
      bucketStart: new Date(r.bucket_start as string).toISOString(),
      mentions: r.mentions as number,
      articles: r.articles as number,
      positive: r.positive as number,
      neutral: r.neutral as number,
      negative: r.negative as number,
      meanScore: r.mean_score === null ? null : Number(r.mean_score),
    }));
  }

  async statementsInArticle(articleId: string): Promise<StatementView[]> {
    const rows = await this.dataSource.query(`${STATEMENT_SELECT} WHERE s.article_id = $1 ORDER BY s.start_offset`, [articleId]);
    return rows.map(toStatementView);
  }
}

const STATEMENT_SELECT = `
  SELECT s.id, s.text, s.kind, s.cue, s.article_id, a.url, a.outlet, s.start_offset, s.end_offset,
         s.sentiment_score, s.sentiment_label, s.cluster_id, s.said_at, s.speaker_id, s.speaker_name,
         r.first_outlet, r.first_article_id, r.first_seen, r.outlet_count
  FROM statements s LEFT JOIN articles a ON a.id = s.article_id LEFT JOIN statement_reach r ON r.cluster_id = s.cluster_id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toActorSummary(row: any): ActorSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    role: row.role,
    aliases: row.aliases,
    mentionCount: row.mention_count,
    articleCount: row.article_count,
    statementCount: row.statement_count,
    firstSeen: new Date(row.first_seen).toISOString(),
    lastSeen: new Date(row.last_seen).toISOString(),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toStatementView(row: any): StatementView {
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
    saidAt: new Date(row.said_at).toISOString(),
    speaker: row.speaker_id ? { id: row.speaker_id, name: row.speaker_name } : null,
    reach:
      row.outlet_count === null || row.outlet_count === undefined
        ? null
        : {
            firstOutlet: row.first_outlet,
            firstArticleId: row.first_article_id,
            firstSeen: row.first_seen ? new Date(row.first_seen).toISOString() : null,
            outletCount: row.outlet_count,
          },
  };
}
