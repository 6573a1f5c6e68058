import { TopicKey, topicName } from '@chronicle/contracts';
import { Admin, Kafka } from 'kafkajs';
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

/** Where a consumer group stands on one partition of a topic it reads (offsets as kafkajs gives them, decimal strings). */
export interface GroupPartitionOffsets {
  topic: string;
  partition: number;
  /** The log start (low watermark). */
  start: string;
  /** The end offset (high watermark). */
  end: string;
  /** The group's committed offset, or the log start where it has committed none (kafkajs reports -1). */
  committed: string;
}

/** The group's committed offsets against each partition's start and end, for every partition of `topics`. */
export async function groupOffsets(admin: Admin, groupId: string, topics: readonly string[]): Promise<GroupPartitionOffsets[]> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const result: GroupPartitionOffsets[] = [];
  for (const topic of topics) {
    const group = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, p.offset]));
    for (const { partition, low, high } of await admin.fetchTopicOffsets(topic)) {
      const offset = group.get(partition);
      result.push({
        topic,
        partition,
        start: low,
        end: high,
        committed: offset === undefined || BigInt(offset) < 0n ? low : offset,
      });
    }
  }
  return result;
}

/** Messages a group has yet to commit on these partitions. */
export const uncommittedMessages = (offsets: readonly GroupPartitionOffsets[]): number =>
  offsets.reduce((sum, p) => sum + Number(BigInt(p.end) - BigInt(p.committed)), 0);

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
