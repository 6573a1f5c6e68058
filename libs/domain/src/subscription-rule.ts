import { SentimentLabel, StatementKind, SubscriptionRule } from './alert-matching';
import { foldName, subscriptionKey } from './name-keys';
import { anyOfWords, parseTextQuery, TextQuery } from './subscription-query';

/** The optional conditions of a subscription, stored as the subscriber wrote them. */
export interface SubscriptionRuleSpec {
  /** Boolean query on the statement text (see `parseTextQuery`). */
  query?: string;
  /** Matches when any of these words or phrases occurs; combined with `query` by AND. */
  words?: string[];
  outlets?: { include?: string[]; exclude?: string[] };
  sentiment?: {
    labels?: SentimentLabel[];
    below?: number;
    above?: number;
    /** Sentiment toward a named actor (name, alias or id) in the article. */
    toward?: { actor: string; below?: number; above?: number };
  };
}

/** A stored subscription, as much of it as matching needs. */
export interface StoredSubscription {
  id: string;
  actorKeys: string[];
  kinds: StatementKind[];
  rule: SubscriptionRuleSpec;
  createdAt: string;
}

/**
 * Turns the text conditions of a spec into one query.
 * @throws TextQuerySyntaxError when `query` does not parse (validate specs before storing them).
 */
export function compileTextConditions(spec: Pick<SubscriptionRuleSpec, 'query' | 'words'>): TextQuery | undefined {
  const parts: TextQuery[] = [];
  if (spec.query !== undefined) parts.push(parseTextQuery(spec.query));
  if (spec.words && spec.words.length > 0) parts.push(anyOfWords(spec.words));
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { op: 'and', of: parts };
}

/** The matcher's view of a stored subscription: names folded, query parsed. */
export function compileSubscriptionRule(subscription: StoredSubscription): SubscriptionRule {
  const { rule } = subscription;
  const outlets = rule.outlets
    ? { include: rule.outlets.include?.map(foldName), exclude: rule.outlets.exclude?.map(foldName) }
    : undefined;
  const sentiment = rule.sentiment
    ? {
        labels: rule.sentiment.labels,
        below: rule.sentiment.below,
        above: rule.sentiment.above,
        toward: rule.sentiment.toward
          ? {
              actorKeys: [subscriptionKey(rule.sentiment.toward.actor)],
              below: rule.sentiment.toward.below,
              above: rule.sentiment.toward.above,
            }
          : undefined,
      }
    : undefined;
  return {
    id: subscription.id,
    actorKeys: subscription.actorKeys,
    kinds: subscription.kinds,
    text: compileTextConditions(rule),
    outlets,
    sentiment,
    since: subscription.createdAt,
  };
}
