import { RETAINED_FOREVER, TOPICS, TopicKey, topicName } from '@chronicle/contracts';
import { Kafka } from 'kafkajs';
import { KafkaSettings } from './kafka-settings';

/**
 * Creates Chronicle's topics if missing: the configured partition count, and infinite
 * retention for the topics that are the log of record.
 */
export async function ensureTopics(kafka: Kafka, settings: KafkaSettings): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = (Object.keys(TOPICS) as TopicKey[])
      .map((key) => ({ key, name: topicName(settings.topicPrefix, key) }))
      .filter(({ name }) => !existing.has(name));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map(({ key, name }) => ({
        topic: name,
        numPartitions: settings.partitions,
        replicationFactor: settings.replicationFactor,
        configEntries: RETAINED_FOREVER.includes(key) ? [{ name: 'retention.ms', value: '-1' }] : [],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Deletes Chronicle's topics under `settings.topicPrefix` (benches and tests that made their own).
 * @throws Error when the prefix is empty: the unprefixed topics are the real log of record.
 */
export async function deletePrefixedTopics(kafka: Kafka, settings: KafkaSettings): Promise<void> {
  if (settings.topicPrefix === '') throw new Error('refusing to delete the unprefixed topics: they are the log of record');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = (Object.keys(TOPICS) as TopicKey[])
      .map((key) => topicName(settings.topicPrefix, key))
      .filter((name) => existing.has(name));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
