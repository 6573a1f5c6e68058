import { TopicKey, topicName } from '@chronicle/contracts';
import { Kafka } from 'kafkajs';
import { KafkaSettings } from './kafka-settings';

/** End offsets (high watermarks) per `topic:partition`, for lag and rebuild progress. */
export async function fetchHighWatermarks(
  kafka: Kafka,
  settings: KafkaSettings,
  topics: TopicKey[],
): Promise<Map<string, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const result = new Map<string, bigint>();
    for (const key of topics) {
      const topic = topicName(settings.topicPrefix, key);
      for (const { partition, high } of await admin.fetchTopicOffsets(topic)) result.set(`${topic}:${partition}`, BigInt(high));
    }
    return result;
  } finally {
    await admin.disconnect();
  }
}

/** Removes consumer groups that are no longer used (a finished rebuild's), ignoring ones already gone. */
export async function deleteConsumerGroups(kafka: Kafka, groups: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
