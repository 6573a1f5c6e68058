import { SqlRunner } from '../sql/sql-session';
import {
  EXACT_SAID_AT,
  NewestFirstKey,
  STATEMENT_JOINS,
  STATEMENT_PROBED_JOINS,
  STATEMENT_SUMMARY_COLUMNS,
  StatementSummary,
  StatementSummaryRow,
  toStatementSummary,
} from './statement-summary';

import {
  statementStreamStart,
  searchStatements,
  StatementFilter,
  statementsAfter,
  StatementSearchPage,
  StatementSearchResult,
  StreamedStatement,
} from './statement-search';

export type { NewestFirstKey, StatementSummary } from './statement-summary';
export { RANKED_MATCHES } from './statement-search';
export type {
  RankKey,
  StatementFilter,
  StatementHit,
  StatementSearchPage,
  StatementSearchResult,
  StreamedStatement,
} from './statement-search';
export type { TextFragment } from './highlight-fragments';

type SentimentLabel = StatementSummary['sentiment']['label'];

/** An actor as one article mentions it. */
export interface ArticleActor {
  id: string;
  name: string;
  kind: string;
  role: string | null;
  mentions: number;
  sentiment: { score: number; label: SentimentLabel };
}

/** What the API reads from the mention and statement rows. */
export class ContributionQueries {
  constructor(private readonly sql: SqlRunner) {}

  /**
   * One page of the actor's statements, newest first (ties by id, descending), from `offset` or
   * after a page's end `after` (keyset, on `statements_speaker_time_idx`); `next` is where the
   * following page starts, null on the last page.
   */
  async statementsBy(
    actorId: string,
    limit: number,
    position: { offset: number } | { after: NewestFirstKey },
  ): Promise<{ statements: StatementSummary[]; next: NewestFirstKey | null }> {
    const keyset = 'after' in position;
    const rows: Array<StatementSummaryRow & { said_at_key: string }> = await this.sql.query(
      `SELECT ${STATEMENT_SUMMARY_COLUMNS}, ${EXACT_SAID_AT} AS said_at_key ${STATEMENT_JOINS}
       WHERE s.speaker_id = $1 ${keyset ? 'AND (s.said_at, s.id) < ($4::timestamptz, $5::text)' : ''}
       ORDER BY s.said_at DESC, s.id DESC LIMIT $2 OFFSET $3`,
      keyset ? [actorId, limit + 1, 0, position.after.saidAt, position.after.id] : [actorId, limit + 1, position.offset],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      statements: page.map(toStatementSummary),
      next: rows.length > limit && last ? { saidAt: last.said_at_key, id: last.id } : null,
    };
  }

  /** One page of the statements matching `filter`, best match or newest first (see {@link searchStatements}). */
  searchStatements(filter: StatementFilter, page: StatementSearchPage): Promise<StatementSearchResult> {
    return searchStatements(this.sql, filter, page);
  }

  /** Statements committed after stream position `position`, in stream order: the live stream's next batch. */
  statementsAfter(position: string, filter: { actorId?: string }, limit: number): Promise<StreamedStatement[]> {
    return statementsAfter(this.sql, position, filter, limit);
  }

  /** Where a new live-stream client starts (see {@link statementStreamStart}). */
  statementStreamStart(): Promise<string> {
    return statementStreamStart(this.sql);
  }

  /** The article's statements in text order. */
  async statementsInArticle(articleId: string): Promise<StatementSummary[]> {
    const rows: StatementSummaryRow[] = await this.sql.query(
      `SELECT ${STATEMENT_SUMMARY_COLUMNS} ${STATEMENT_PROBED_JOINS} WHERE s.article_id = $1 ORDER BY s.start_offset`,
      [articleId],
    );
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
