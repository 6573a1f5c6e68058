import { TopicKey, topicName } from '@chronicle/contracts';
import { randomUUID } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';
import { KafkaSettings } from './kafka-settings';

/**
 * Reads a topic up to its end as of the call, in partition order, for operator tools (dead-letter
 * inspection, re-analysis). With `group`, starts where that group left off and commits as it goes,
 * so the next scan only sees what arrived since; without, reads everything with a throwaway group.
 */
export async function scanTopic(
  kafka: Kafka,
  settings: KafkaSettings,
  key: TopicKey,
  onMessage: (partition: number, message: KafkaMessage) => Promise<void> | void,
  options: { group?: string; deadlineMs?: number } = {},
): Promise<number> {
  const topic = topicName(settings.topicPrefix, key);
  const groupId = options.group ?? `${settings.groupPrefix ?? settings.topicPrefix}chronicle-scan-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, bigint>();
  const reached = new Set<number>();
  try {
    for (const { partition, high } of await admin.fetchTopicOffsets(topic)) ends.set(partition, BigInt(high));
    const committed = options.group ? await admin.fetchOffsets({ groupId, topics: [topic] }) : [];
    for (const [partition, high] of ends) {
      const position = BigInt(committed[0]?.partitions.find((p) => p.partition === partition)?.offset ?? '-1');
      if (high === 0n || (position >= 0n && position >= high)) reached.add(partition);
    }
  } finally {
    await admin.disconnect();
  }
  if (reached.size === ends.size) return 0;
  let count = 0;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      // A deadline so a broker hiccup cannot hang an operator's command.
      const timer = setTimeout(resolve, options.deadlineMs ?? 120_000);
      consumer
        .run({
          autoCommit: Boolean(options.group),
          eachMessage: async ({ partition, message }) => {
            const end = ends.get(partition) ?? 0n;
            if (BigInt(message.offset) < end) {
              count += 1;
              await onMessage(partition, message);
            }
            if (BigInt(message.offset) + 1n >= end) reached.add(partition);
            if (reached.size === ends.size) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return count;
}
