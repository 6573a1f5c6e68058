import { ArticleAnalyzedData } from '@chronicle/contracts';
import { speakerKeys } from './name-keys';
import { statementIdentity } from './statement-identity';

export interface SubscriptionRule {
  id: string;
  /** Folded names and actor ids (see `subscriptionKey`). */
  actorKeys: readonly string[];
  kinds: ReadonlyArray<'direct' | 'indirect'>;
}

export interface AlertCandidate {
  subscriptionId: string;
  clusterId: string;
  statementId: string;
  actorId: string;
  actorName: string;
  statementText: string;
  articleId: string;
  articleUrl: string | null;
  outlet: string | null;
}

/**
 * Which subscriptions a freshly analysed article triggers: one candidate per (subscription,
 * statement cluster). Whether the cluster is new for the subscription is decided by the
 * store (a unique key), so replays and re-runs by other outlets raise nothing twice.
 */
export function matchAlerts(rules: readonly SubscriptionRule[], article: ArticleAnalyzedData): AlertCandidate[] {
  const candidates = new Map<string, AlertCandidate>();
  for (const statement of article.analysis.statements) {
    if (!statement.speaker) continue;
    const keys = speakerKeys(statement.speaker);
    const { id, clusterId } = statementIdentity(article.articleId, statement);
    for (const rule of rules) {
      if (!rule.kinds.includes(statement.kind)) continue;
      if (!keys.some((key) => rule.actorKeys.includes(key))) continue;
      const dedupeKey = `${rule.id}\u0000${clusterId}`;
      if (candidates.has(dedupeKey)) continue;
      candidates.set(dedupeKey, {
        subscriptionId: rule.id,
        clusterId,
        statementId: id,
        actorId: statement.speaker.actorId,
        actorName: statement.speaker.name,
        statementText: statement.text,
        articleId: article.articleId,
        articleUrl: article.url,
        outlet: article.outlet,
      });
    }
  }
  return [...candidates.values()];
}
