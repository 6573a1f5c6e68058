import { ArticleAnalyzedData, deterministicId } from '@chronicle/contracts';
import { statementClusterId } from './statement-cluster';

export type AnalyzedStatement = ArticleAnalyzedData['analysis']['statements'][number];

/** Stable ids for a statement: the same article and span always give the same statement id. */
export function statementIdentity(articleId: string, statement: AnalyzedStatement): { id: string; clusterId: string } {
  return {
    id: deterministicId('statement', articleId, statement.kind, String(statement.start), String(statement.end)),
    clusterId: statementClusterId(statement.speaker?.actorId ?? null, statement.text),
  };
}
