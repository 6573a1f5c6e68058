import { ChronicleEvent, encodeEvent, TopicKey, topicName } from '@chronicle/contracts';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { KafkaSettings } from './kafka-settings';

/** Publishes events; the Kafka key keeps each article's events in order on one partition. */
export class EventPublisher {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly settings: KafkaSettings,
  ) {
    this.producer = kafka.producer({
      // Not `idempotent`: that would need unbounded retries (a hung publish when Kafka is down).
      // One request in flight keeps order on retry; duplicates are harmless downstream.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  /** Publishes all events to one topic in a single request; resolves once the broker has them. */
  async publish(topic: TopicKey, events: Array<{ key: string; event: ChronicleEvent }>): Promise<void> {
    if (events.length === 0) return;
    await this.producer.send({
      topic: topicName(this.settings.topicPrefix, topic),
      acks: -1,
      messages: events.map(({ key, event }) => ({
        key,
        value: encodeEvent(event),
        headers: {
          'event-type': event.type,
          'event-version': String(event.version),
          'correlation-id': event.metadata.correlationId,
        },
      })),
    });
  }

  /** Publishes raw bytes (for tests and the dead-letter re-drive); no validation. */
  async publishRaw(
    topic: TopicKey,
    messages: Array<{ key: string | null; value: Buffer | string; headers?: Record<string, string> }>,
  ): Promise<void> {
    await this.producer.send({ topic: topicName(this.settings.topicPrefix, topic), acks: -1, messages });
  }
}
