import { ArticleAnalyzedData, deterministicId } from '@chronicle/contracts';
import { statementClusterId } from './statement-cluster';

export type AnalyzedStatement = ArticleAnalyzedData['analysis']['statements'][number];

/** A statement's id: the same article, kind and span always give the same id. */
export function statementId(articleId: string, statement: AnalyzedStatement): string {
  return deterministicId('statement', articleId, statement.kind, String(statement.start), String(statement.end));
}

/** Stable ids for a statement: its {@link statementId} and its exact-words cluster (`statementClusterId`). */
export function statementIdentity(articleId: string, statement: AnalyzedStatement): { id: string; clusterId: string } {
  return {
    id: statementId(articleId, statement),
    clusterId: statementClusterId(statement.speaker?.actorId ?? null, statement.text),
  };
}
