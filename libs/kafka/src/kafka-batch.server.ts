import { ChronicleEvent, decodeEvent, EventBatch, EventDecodeError, TOPICS, TopicKey, topicName } from '@chronicle/contracts';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, Kafka, Partitioners, Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { createKafka } from './kafka-client.factory';
import { KafkaSettings } from './kafka-settings';
import { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';
import { ensureTopics } from './topic-provisioner';

export interface KafkaBatchServerOptions {
  kafka: KafkaSettings;
  /** Consumer group; every replica of a service shares it so partitions spread the work. */
  consumer: string;
  topics: TopicKey[];
}

/** kafkajs's default cap on one whole fetch response. */
const DEFAULT_FETCH_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Cap on one fetch response: room for a full batch of every partition of a topic. kafkajs hands
 * one response's batches to its concurrent workers and fetches again only when all are done, so
 * a response that one big partition batch fills would leave the other workers idle.
 */
export function fetchMaxBytes(settings: Pick<KafkaSettings, 'maxBytesPerPartition' | 'partitions'>): number {
  return Math.max(DEFAULT_FETCH_MAX_BYTES, (settings.maxBytesPerPartition ?? 0) * settings.partitions);
}

/** Called when a batch has been handled, for metrics. */
export type BatchObserver = (batch: {
  topic: string;
  partition: number;
  events: number;
  deadLettered: number;
  lag: number;
}) => void;

/**
 * A NestJS transport over kafkajs that hands `@EventPattern(TOPICS.x)` handlers whole
 * batches of decoded events from one partition (the built-in Kafka transport gives one
 * message at a time). Malformed or unknown events go to the dead-letter topic with their
 * reason and the batch goes on. Offsets are committed to Kafka only after the handler
 * resolves; handlers that need exactly-once effects also store the batch position in their
 * own transaction (see `applyBatchOnce` in @chronicle/persistence).
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private readonly kafka: Kafka;
  private consumerClient?: Consumer;
  private producer?: Producer;
  private deadLetters?: DeadLetterPublisher;
  private readonly observers: BatchObserver[] = [];

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
    this.kafka = createKafka(options.kafka, options.consumer);
  }

  onBatch(observer: BatchObserver): void {
    this.observers.push(observer);
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      for (const key of this.options.topics) {
        if (!this.getHandlerByPattern(TOPICS[key])) throw new Error(`no @EventPattern handler for topic ${TOPICS[key]}`);
      }
      await ensureTopics(this.kafka, this.options.kafka);
      this.producer = this.kafka.producer({
        // Not `idempotent`: that would need unbounded retries (a hung publish when Kafka is down).
        // One request in flight keeps order on retry; a rare duplicate is harmless because event
        // ids are deterministic and every projection is idempotent.
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await this.producer.connect();
      this.deadLetters = new DeadLetterPublisher(this.producer, this.options.kafka.topicPrefix, this.options.consumer);
      this.consumerClient = this.kafka.consumer({
        groupId: this.options.consumer,
        maxWaitTimeInMs: this.options.kafka.maxWaitMs,
        maxBytesPerPartition: this.options.kafka.maxBytesPerPartition,
        maxBytes: fetchMaxBytes(this.options.kafka),
        sessionTimeout: this.options.kafka.sessionTimeoutMs,
        heartbeatInterval: Math.floor(this.options.kafka.sessionTimeoutMs / 5),
        allowAutoTopicCreation: false,
      });
      await this.consumerClient.connect();
      await this.consumerClient.subscribe({
        topics: this.options.topics.map((key) => topicName(this.options.kafka.topicPrefix, key)),
        fromBeginning: true,
      });
      await this.consumerClient.run({
        eachBatchAutoResolve: false,
        autoCommit: true,
        partitionsConsumedConcurrently: this.options.kafka.partitionsConcurrently ?? 1,
        eachBatch: (payload) => this.handleBatch(payload),
      });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private baseTopic(topic: string): string {
    return topic.slice(this.options.kafka.topicPrefix.length);
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary } = payload;
    if (batch.messages.length === 0) return;
    const events: EventBatch['events'] = [];
    const poison: DeadLetter[] = [];
    for (const message of batch.messages) {
      try {
        events.push({ event: decodeEvent(message.value), offset: message.offset, key: message.key?.toString() ?? null });
      } catch (error) {
        if (!(error instanceof EventDecodeError)) throw error;
        poison.push({ message, sourceTopic: batch.topic, sourcePartition: batch.partition, reason: error.reason });
      }
    }
    await this.deadLetters!.publish(poison, new Date().toISOString());
    const last = batch.messages[batch.messages.length - 1]!;
    const eventBatch: EventBatch<ChronicleEvent> = {
      consumer: this.options.consumer,
      topic: batch.topic,
      partition: batch.partition,
      events,
      nextOffset: BigInt(last.offset) + 1n,
    };
    const handler = this.getHandlerByPattern(this.baseTopic(batch.topic))!;
    await lastValueFrom(this.transformToObservable(await handler(eventBatch)), { defaultValue: undefined });
    resolveOffset(last.offset);
    await commitOffsetsIfNecessary();
    await heartbeat();
    const lag = Number(BigInt(batch.highWatermark) - eventBatch.nextOffset);
    for (const observe of this.observers) {
      observe({ topic: batch.topic, partition: batch.partition, events: events.length, deadLettered: poison.length, lag });
    }
  }

  async close(): Promise<void> {
    await this.consumerClient?.disconnect();
    await this.producer?.disconnect();
  }

  on(): never {
    throw new Error('KafkaBatchServer does not support event listeners');
  }

  unwrap<T>(): T {
    return this.consumerClient as T;
  }
}
