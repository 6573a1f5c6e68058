import { DEAD_LETTER_HEADERS, topicName } from '@chronicle/contracts';
import { CompressionTypes, IHeaders, KafkaMessage, Producer } from 'kafkajs';

export interface DeadLetter {
  message: KafkaMessage;
  sourceTopic: string;
  sourcePartition: number;
  reason: string;
  /** Failure class for triage; defaults to `EventDecodeError` (undecodable bytes). */
  errorClass?: string;
  /** Tries before the message was dead-lettered; 1 for a message that could not be decoded. */
  attempts?: number;
}

/** Sends poison messages (gzip-compressed, like every Chronicle publish), with their original bytes and headers, to the dead-letter topic. */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly topicPrefix: string,
    private readonly consumer: string,
  ) {}

  async publish(letters: DeadLetter[], failedAt: string): Promise<void> {
    if (letters.length === 0) return;
    await this.producer.send({
      topic: topicName(this.topicPrefix, 'deadLetter'),
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: letters.map(({ message, sourceTopic, sourcePartition, reason, errorClass, attempts }) => ({
        key: message.key,
        value: message.value,
        headers: {
          ...(message.headers as IHeaders),
          [DEAD_LETTER_HEADERS.reason]: reason,
          [DEAD_LETTER_HEADERS.sourceTopic]: sourceTopic,
          [DEAD_LETTER_HEADERS.sourcePartition]: String(sourcePartition),
          [DEAD_LETTER_HEADERS.sourceOffset]: message.offset,
          [DEAD_LETTER_HEADERS.consumer]: this.consumer,
          [DEAD_LETTER_HEADERS.failedAt]: failedAt,
          [DEAD_LETTER_HEADERS.errorClass]: errorClass ?? 'EventDecodeError',
          [DEAD_LETTER_HEADERS.attempts]: String(attempts ?? 1),
        },
      })),
    });
  }
}
