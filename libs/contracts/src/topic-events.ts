import { ALERT_RAISED } from './events/alert-raised.event';
import { ARTICLE_ANALYZED } from './events/article-analyzed.event';
import { ARTICLE_RETRACTED } from './events/article-retracted.event';
import { ARTICLE_REVISED } from './events/article-revised.event';
import { ARTICLE_SUBMITTED } from './events/article-submitted.event';
import type { ChronicleEventType } from './event-decoder';
import type { TopicKey } from './topics';

/** What each event topic carries, and what its messages are keyed by (so one key's events stay in order). */
export const TOPIC_EVENTS: Record<Exclude<TopicKey, 'deadLetter'>, { events: readonly ChronicleEventType[]; key: string }> = {
  articles: { events: [ARTICLE_SUBMITTED, ARTICLE_REVISED, ARTICLE_RETRACTED], key: 'The article id' },
  analyses: { events: [ARTICLE_ANALYZED], key: 'The article id' },
  alerts: { events: [ALERT_RAISED], key: 'The subscription id' },
};

/** Headers every event message carries, beside the JSON envelope in its value. */
export const EVENT_HEADERS = {
  'event-type': 'The envelope `type`',
  'event-version': 'The envelope `version`',
  'correlation-id': 'The envelope `metadata.correlationId`',
} as const;
