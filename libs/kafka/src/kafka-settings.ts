import { DEFAULT_MAX_ARTICLE_BYTES, MIB, maxMessageBytesFor } from '@chronicle/config';

/** The subset of configuration the Kafka adapters need. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  /** Prefix of consumer group names (defaults to the topic prefix). */
  groupPrefix?: string;
  partitions: number;
  replicationFactor: number;
  maxWaitMs: number;
  /** Bytes a fetch waits for before the broker answers (default 1: at once). */
  minBytes?: number;
  /** Upper bound of one fetch per partition: the batch size knob. */
  maxBytesPerPartition?: number;
  /**
   * Batches of different partitions one replica handles at once (order within a partition is
   * kept): with 2, one batch's rows are encoded while the database applies another's.
   */
  partitionsConcurrently?: number;
  sessionTimeoutMs: number;
  /**
   * Largest encoded event the publisher sends, derived from `MAX_ARTICLE_BYTES`
   * (`maxMessageBytesFor` in @chronicle/config); when absent, derived from the default limit.
   */
  maxMessageBytes?: number;
}

/**
 * Room on top of the publisher's limit for what the broker also counts in `max.message.bytes`:
 * the record batch framing, keys and headers (dead-letter reasons can be long), and gzip's
 * expansion of incompressible bytes.
 */
export const TOPIC_MESSAGE_HEADROOM_BYTES = MIB;

/** Largest encoded event the publisher sends under these settings. */
export function maxMessageBytesOf(settings: Pick<KafkaSettings, 'maxMessageBytes'>): number {
  return settings.maxMessageBytes ?? maxMessageBytesFor(DEFAULT_MAX_ARTICLE_BYTES);
}

/** `max.message.bytes` of Chronicle's topics: the publisher's limit plus framing headroom. */
export function topicMaxMessageBytes(settings: Pick<KafkaSettings, 'maxMessageBytes'>): number {
  return maxMessageBytesOf(settings) + TOPIC_MESSAGE_HEADROOM_BYTES;
}
