import { exactInstantSql, isoInstant } from '../sql/iso-instant';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

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
  /**
   * Who the article says spoke when no actor did: the description of an unnamed source ("officials", "a person
   * familiar with the plan"; analyses since chronicle-nlp/1.25.0). Null when an actor speaks, or nobody is named.
   */
  unnamedSpeaker: string | null;
  reach: { firstOutlet: string | null; firstArticleId: string | null; firstSeen: string | null; outletCount: number } | null;
}

/** The columns of a {@link StatementSummary}, from `statements s` joined by {@link STATEMENT_JOINS}. */
export const STATEMENT_SUMMARY_COLUMNS = `
  s.id, s.text, s.kind, s.cue, s.article_id, a.url, a.outlet, s.start_offset, s.end_offset,
  s.sentiment_score, s.sentiment_label, s.cluster_id, s.said_at, s.speaker_id, s.speaker_name,
  r.first_outlet, r.first_article_id, r.first_seen, r.outlet_count`;

/** The article of `statements s`, as `a`. */
const ARTICLE_JOIN = 'LEFT JOIN articles a ON a.id = s.article_id';

/**
 * The article and reach of `statements s`. A statement row exists only while its article's analysis
 * is in place (a retraction deletes it, a revision replaces it), so no status check is needed.
 */
export const STATEMENT_DETAIL_JOINS = `
  ${ARTICLE_JOIN} LEFT JOIN statement_reach r ON r.cluster_id = s.cluster_id`;

/** `statements s` with {@link STATEMENT_DETAIL_JOINS}. */
export const STATEMENT_JOINS = `FROM statements s ${STATEMENT_DETAIL_JOINS}`;

/**
 * {@link STATEMENT_JOINS} with each statement's reach probed by its key, for reads of a handful of statements (one
 * article's). On a store growing faster than it is analysed, the planner took 684 statements for one article and
 * hashed all of `statement_reach` to join them: 5 ms against 0.2 ms with 14,000 clusters, and growing with them.
 */
export const STATEMENT_PROBED_JOINS = `FROM statements s ${ARTICLE_JOIN}
  LEFT JOIN LATERAL (SELECT * FROM statement_reach r WHERE r.cluster_id = s.cluster_id LIMIT 1) r ON true`;

/** Where a newest-first page ends: the exact `said_at` (microseconds, UTC) and id of its last statement. */
export interface NewestFirstKey {
  saidAt: string;
  id: string;
}

/** `said_at` to the microsecond, which a JavaScript Date would round to the millisecond: a keyset cursor must be exact. */
export const EXACT_SAID_AT = exactInstantSql('s.said_at');

/** A statement row with its article and reach, as {@link STATEMENT_SUMMARY_COLUMNS} reads it. */
export interface StatementSummaryRow {
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

export function toStatementSummary(row: StatementSummaryRow): StatementSummary {
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
    unnamedSpeaker: row.speaker_id ? null : row.speaker_name,
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
