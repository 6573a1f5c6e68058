import { ArticleAnalyzedData } from '@chronicle/contracts';
import { foldName, speakerKeys } from './name-keys';
import { statementClusterId } from './statement-cluster';
import { statementId } from './statement-identity';
import { matchesTextQuery, TextQuery } from './subscription-query';

export type StatementKind = 'direct' | 'indirect';
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** A sentiment condition; every part that is given must hold. */
export interface SentimentCondition {
  /** The statement's own sentiment label is one of these. */
  labels?: readonly SentimentLabel[];
  /** The statement's sentiment score is strictly below / above. */
  below?: number;
  above?: number;
  /** The article's sentiment toward a named actor (any of its keys) is strictly below / above. */
  toward?: { actorKeys: readonly string[]; below?: number; above?: number };
}

/** A subscription as the matcher sees it (compiled from what the subscriber stored). */
export interface SubscriptionRule {
  id: string;
  /** Folded names and actor ids (see `subscriptionKey`). */
  actorKeys: readonly string[];
  kinds: readonly StatementKind[];
  /** Boolean query on the statement text; absent matches every statement. */
  text?: TextQuery;
  /** Folded outlet names (see `foldName`): only these / never these. */
  outlets?: { include?: readonly string[]; exclude?: readonly string[] };
  sentiment?: SentimentCondition;
  /** ISO time: only statements whose cluster was first seen at or after it are news to this subscription. */
  since?: string;
}

/** The novelty cluster of a statement and when that cluster was first seen. */
export interface StatementClusterRef {
  clusterId: string;
  openedAt: string;
}

export interface AlertCandidate {
  subscriptionId: string;
  clusterId: string;
  statementId: string;
  statementKind: StatementKind;
  actorId: string;
  actorName: string;
  statementText: string;
  articleId: string;
  articleUrl: string | null;
  outlet: string | null;
}

type Statement = ArticleAnalyzedData['analysis']['statements'][number];

function withinBounds(score: number, bounds: { below?: number; above?: number }): boolean {
  return (bounds.below === undefined || score < bounds.below) && (bounds.above === undefined || score > bounds.above);
}

function sentimentHolds(condition: SentimentCondition, statement: Statement, article: ArticleAnalyzedData): boolean {
  if (condition.labels && !condition.labels.includes(statement.sentiment.label)) return false;
  if (!withinBounds(statement.sentiment.score, condition)) return false;
  const toward = condition.toward;
  if (toward) {
    const target = article.analysis.actors.find((actor) =>
      speakerKeys({ actorId: actor.id, name: actor.name }).some((key) => toward.actorKeys.includes(key)),
    );
    // No sentiment toward an actor the article does not mention: the condition cannot hold.
    if (!target || !withinBounds(target.sentiment.score, toward)) return false;
  }
  return true;
}

function outletAllowed(outlets: SubscriptionRule['outlets'], outlet: string | null): boolean {
  if (!outlets) return true;
  const folded = outlet === null ? null : foldName(outlet);
  if (outlets.include && outlets.include.length > 0 && (folded === null || !outlets.include.includes(folded))) return false;
  return !(outlets.exclude && folded !== null && outlets.exclude.includes(folded));
}

/** True when one statement of the article satisfies every condition of the rule (novelty aside). */
export function ruleMatchesStatement(rule: SubscriptionRule, statement: Statement, article: ArticleAnalyzedData): boolean {
  if (!statement.speaker) return false;
  if (!rule.kinds.includes(statement.kind)) return false;
  if (!speakerKeys(statement.speaker).some((key) => rule.actorKeys.includes(key))) return false;
  if (!outletAllowed(rule.outlets, article.outlet)) return false;
  if (rule.text && !matchesTextQuery(rule.text, statement.text)) return false;
  return !(rule.sentiment && !sentimentHolds(rule.sentiment, statement, article));
}

/**
 * Which subscriptions a freshly analysed article triggers: one candidate per (subscription,
 * statement cluster). `clusters` maps statement ids to their novelty cluster (see
 * `assignStatementClusters`); a statement whose cluster was first seen before the subscription
 * existed is old news to it. Without `clusters`, statements cluster by their exact normalised
 * words. Whether an alert for the pair exists already is decided by the store (a unique key),
 * so replays and re-runs by other outlets raise nothing twice.
 */
export function matchAlerts(
  rules: readonly SubscriptionRule[],
  article: ArticleAnalyzedData,
  clusters?: ReadonlyMap<string, StatementClusterRef>,
): AlertCandidate[] {
  const candidates = new Map<string, AlertCandidate>();
  for (const statement of article.analysis.statements) {
    if (!statement.speaker) continue;
    const id = statementId(article.articleId, statement);
    const cluster = clusters
      ? clusters.get(id)
      : { clusterId: statementClusterId(statement.speaker.actorId, statement.text), openedAt: '' };
    if (!cluster) continue;
    for (const rule of rules) {
      if (rule.since !== undefined && clusters && cluster.openedAt < rule.since) continue;
      if (!ruleMatchesStatement(rule, statement, article)) continue;
      const dedupeKey = `${rule.id}\u0000${cluster.clusterId}`;
      if (candidates.has(dedupeKey)) continue;
      candidates.set(dedupeKey, {
        subscriptionId: rule.id,
        clusterId: cluster.clusterId,
        statementId: id,
        statementKind: statement.kind,
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
