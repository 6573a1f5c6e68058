import { LockedArticleState } from '../articles/fold';
import { encodeCopy } from '../sql/encode-copy';
import { CopyColumn } from '../sql/pg-copy-text';
import { EncodedCopy, SqlSession } from '../sql/sql-session';
import { AnalyzedArticle, ArticleContribution, MentionRow, StatementRow } from './fold';
import { mentionFromRow, statementFromRow } from './stored-rows';

/** The mention and statement rows of analyses now in place, as COPY data. */
export interface EncodedContributionRows {
  mentions: EncodedCopy;
  statements: EncodedCopy;
}

export function encodeContributionRows(analyses: readonly AnalyzedArticle[]): EncodedContributionRows {
  return {
    mentions: encodeCopy(
      'mentions',
      MENTION_COLUMNS,
      analyses.flatMap((a) => a.mentions),
    ),
    statements: encodeCopy(
      'statements',
      STATEMENT_COLUMNS,
      analyses.flatMap((a) => a.statements),
    ),
  };
}

/**
 * Inserts the mention and statement rows of the analyses now in place. The two largest tables
 * only ever get rows inserted (a replaced contribution is deleted first), so they are loaded
 * with COPY: no parameter arrays to parse, and Postgres inserts them page by page. They have no
 * lock order between them.
 */
export async function insertContributionRows(session: SqlSession, rows: EncodedContributionRows): Promise<void> {
  await Promise.all([session.copy(rows.mentions), session.copy(rows.statements)]);
}

/** Deletes the stored contributions of these (locked) articles and returns them, to be subtracted. */
export async function takeContributions(
  session: SqlSession,
  states: readonly LockedArticleState[],
): Promise<ArticleContribution[]> {
  const contributed = states.filter((s) => s.analysisOffset !== null);
  if (contributed.length === 0) return [];
  const ids = contributed.map((s) => s.id);
  const mentions = await session.rows(`DELETE FROM mentions WHERE article_id = ANY($1) RETURNING ${MENTION_COLUMN_NAMES}`, [ids]);
  const statements = await session.rows(`DELETE FROM statements WHERE article_id = ANY($1) RETURNING ${STATEMENT_COLUMN_NAMES}`, [
    ids,
  ]);
  const byArticle = new Map<string, ArticleContribution>(
    contributed.map((s) => [
      s.id,
      { articleId: s.id, outlet: s.contributedOutlet, seenAt: s.contributedAt ?? '', mentions: [], statements: [] },
    ]),
  );
  for (const r of mentions) byArticle.get(r.article_id as string)!.mentions.push(mentionFromRow(r));
  for (const r of statements) byArticle.get(r.article_id as string)!.statements.push(statementFromRow(r));
  return [...byArticle.values()];
}

const MENTION_COLUMNS: ReadonlyArray<CopyColumn<MentionRow>> = [
  { name: 'actor_id', value: (m) => m.actorId },
  { name: 'article_id', value: (m) => m.articleId },
  { name: 'outlet', value: (m) => m.outlet },
  { name: 'name', value: (m) => m.name },
  { name: 'kind', value: (m) => m.kind },
  { name: 'role', value: (m) => m.role },
  { name: 'aliases', value: (m) => m.aliases },
  { name: 'count', value: (m) => m.count },
  { name: 'sentiment_score', value: (m) => m.sentimentScore },
  { name: 'sentiment_label', value: (m) => m.sentimentLabel },
  { name: 'seen_at', value: (m) => m.seenAt },
];

const STATEMENT_COLUMNS: ReadonlyArray<CopyColumn<StatementRow>> = [
  { name: 'id', value: (s) => s.id },
  { name: 'article_id', value: (s) => s.articleId },
  { name: 'outlet', value: (s) => s.outlet },
  { name: 'speaker_id', value: (s) => s.speakerId },
  { name: 'speaker_name', value: (s) => s.speakerName },
  { name: 'kind', value: (s) => s.kind },
  { name: 'text', value: (s) => s.text },
  { name: 'cue', value: (s) => s.cue },
  { name: 'start_offset', value: (s) => s.startOffset },
  { name: 'end_offset', value: (s) => s.endOffset },
  { name: 'sentiment_score', value: (s) => s.sentimentScore },
  { name: 'sentiment_label', value: (s) => s.sentimentLabel },
  { name: 'cluster_id', value: (s) => s.clusterId },
  { name: 'said_at', value: (s) => s.saidAt },
];

/** Every column of the two tables, in COPY order: what a replaced contribution is read back with. */
export const MENTION_COLUMN_NAMES = MENTION_COLUMNS.map((c) => c.name).join(', ');
export const STATEMENT_COLUMN_NAMES = STATEMENT_COLUMNS.map((c) => c.name).join(', ');
