import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';

/** A message to look up: topic, partition and offset. */
export interface MessageAt {
  topic: string;
  partition: number;
  offset: string;
}

/** Reads the broker timestamps of messages, as {@link readMessageTimestamps} does with a client bound in. */
export type ReadMessageTimestamps = (wanted: MessageAt[]) => Promise<Array<MessageAt & { timestamp: string }>>;

const key = (m: { topic: string; partition: number; offset: string }) => `${m.topic}:${m.partition}:${m.offset}`;

/**
 * The broker timestamps (ms, as text) of the given messages (at most one per partition), read
 * with a throwaway consumer group that seeks to each one. A message the log no longer holds, or
 * one not read within `timeoutMs`, is absent from the result.
 */
export async function readMessageTimestamps(
  kafka: Kafka,
  groupPrefix: string,
  wanted: readonly MessageAt[],
  timeoutMs = 15_000,
): Promise<Array<MessageAt & { timestamp: string }>> {
  const found = await readInto(kafka, groupPrefix, wanted, timeoutMs);
  return wanted.flatMap((m) => {
    const timestamp = found.get(key(m));
    return timestamp === undefined ? [] : [{ ...m, timestamp }];
  });
}

async function readInto(
  kafka: Kafka,
  groupPrefix: string,
  wanted: readonly MessageAt[],
  timeoutMs: number,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (wanted.length === 0) return found;
  const pending = new Set(wanted.map(key));
  const firstWanted = new Map(wanted.map((m) => [`${m.topic}:${m.partition}`, m.offset]));
  const consumer = kafka.consumer({ groupId: `${groupPrefix}chronicle-fingerprint-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    for (const topic of new Set(wanted.map((m) => m.topic))) await consumer.subscribe({ topic, fromBeginning: false });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const offset = firstWanted.get(`${batch.topic}:${batch.partition}`);
            const message = batch.messages.find((m) => m.offset === offset);
            if (!message || !pending.delete(key({ topic: batch.topic, partition: batch.partition, offset: message.offset })))
              return;
            found.set(key({ topic: batch.topic, partition: batch.partition, offset: message.offset }), message.timestamp);
            if (pending.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .then(() => {
          for (const m of wanted) consumer.seek({ topic: m.topic, partition: m.partition, offset: m.offset });
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}
