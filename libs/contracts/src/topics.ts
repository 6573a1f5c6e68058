/**
 * Topic names. These are part of the public contract: never rename one in place;
 * add a new topic (and a migration path) instead.
 */
export const TOPICS = {
  /** ArticleSubmitted, ArticleRevised, ArticleRetracted. Kept forever: the source of truth for replay. */
  articles: 'chronicle.articles.v1',
  /** ArticleAnalyzed. Kept forever: projections are rebuilt from it. */
  analyses: 'chronicle.analyses.v1',
  /** AlertRaised. */
  alerts: 'chronicle.alerts.v1',
  /** Poison messages with their reason, original bytes and source position. */
  deadLetter: 'chronicle.dead-letter.v1',
} as const;

export type TopicKey = keyof typeof TOPICS;

/** Topics that are the log of record: infinite retention. */
export const RETAINED_FOREVER: readonly TopicKey[] = ['articles', 'analyses'];

/** Applies a deployment/test prefix (`KAFKA_TOPIC_PREFIX`) to a base topic name. */
export function topicName(prefix: string, key: TopicKey): string {
  return `${prefix}${TOPICS[key]}`;
}
