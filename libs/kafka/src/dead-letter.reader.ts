import { DEAD_LETTER_HEADERS, topicName } from '@chronicle/contracts';
import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka } from 'kafkajs';
import { KafkaSettings } from './kafka-settings';

/** One dead-lettered message as stored on the dead-letter topic. */
export interface DeadLetterRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  /** The original message's headers, without the dead-letter ones. */
  headers: Record<string, string>;
  reason: string;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: string;
  consumer: string;
  failedAt: string;
}

function toRecord(
  partition: number,
  message: { offset: string; key: Buffer | null; value: Buffer | null; headers?: IHeaders },
): DeadLetterRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  const take = (name: string) => {
    const value = headers[name] ?? '';
    delete headers[name];
    return value;
  };
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value,
    reason: take(DEAD_LETTER_HEADERS.reason),
    sourceTopic: take(DEAD_LETTER_HEADERS.sourceTopic),
    sourcePartition: Number(take(DEAD_LETTER_HEADERS.sourcePartition)),
    sourceOffset: take(DEAD_LETTER_HEADERS.sourceOffset),
    consumer: take(DEAD_LETTER_HEADERS.consumer),
    failedAt: take(DEAD_LETTER_HEADERS.failedAt),
    headers,
  };
}

/**
 * Reads the dead-letter topic up to its current end. With `group`, reads only what that group
 * has not consumed yet and commits as it goes (the re-drive uses this so nothing is re-driven
 * twice); without, reads everything with a throwaway group.
 */
export async function readDeadLetters(
  kafka: Kafka,
  settings: KafkaSettings,
  options: { group?: string; onRecord?: (record: DeadLetterRecord) => Promise<void> } = {},
): Promise<DeadLetterRecord[]> {
  const topic = topicName(settings.topicPrefix, 'deadLetter');
  const admin = kafka.admin();
  await admin.connect();
  const groupId = options.group ?? `${settings.topicPrefix}chronicle-dlq-inspect-${randomUUID()}`;
  let ends: Map<number, bigint>;
  const reached = new Set<number>();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    ends = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    const committed = options.group ? await admin.fetchOffsets({ groupId, topics: [topic] }) : [];
    for (const [partition, high] of ends) {
      const position = BigInt(committed[0]?.partitions.find((p) => p.partition === partition)?.offset ?? '-1');
      if (high === 0n || (position >= 0n && position >= high)) reached.add(partition);
    }
    if (reached.size === ends.size) return [];
  } finally {
    await admin.disconnect();
  }
  const records: DeadLetterRecord[] = [];
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      // A hard deadline so a broker hiccup cannot hang an operator's command.
      const timer = setTimeout(resolve, 60_000);
      consumer
        .run({
          autoCommit: Boolean(options.group),
          eachMessage: async ({ partition, message }) => {
            const record = toRecord(partition, message);
            records.push(record);
            await options.onRecord?.(record);
            if (BigInt(message.offset) + 1n >= (ends.get(partition) ?? 0n)) reached.add(partition);
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
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}
