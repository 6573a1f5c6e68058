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
