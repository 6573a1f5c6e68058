import { DEAD_LETTER_HEADERS } from '@chronicle/contracts';
import { IHeaders, Kafka } from 'kafkajs';
import { KafkaSettings } from './kafka-settings';
import { scanTopic } from './topic-scanner';

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
  /** e.g. `QueryFailedError/22P05`; `EventDecodeError` for bytes that could not be decoded. */
  errorClass: string;
  /** Tries before it was dead-lettered. */
  attempts: number;
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
    errorClass: take(DEAD_LETTER_HEADERS.errorClass) || 'EventDecodeError',
    attempts: Number(take(DEAD_LETTER_HEADERS.attempts) || '1'),
    headers,
  };
}

/**
 * Reads the dead-letter topic up to its current end. With `group`, reads only what that group
 * has not consumed yet and commits as it goes (the re-drive uses this so nothing is re-driven
 * twice); without, reads everything.
 */
export async function readDeadLetters(
  kafka: Kafka,
  settings: KafkaSettings,
  options: { group?: string; onRecord?: (record: DeadLetterRecord) => Promise<void> } = {},
): Promise<DeadLetterRecord[]> {
  const records: DeadLetterRecord[] = [];
  await scanTopic(
    kafka,
    settings,
    'deadLetter',
    async (partition, message) => {
      const record = toRecord(partition, message);
      records.push(record);
      await options.onRecord?.(record);
    },
    { group: options.group },
  );
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}
