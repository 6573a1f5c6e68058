import { ChronicleEvent, decodeEvent, EventBatch, EventDecodeError, TOPICS, TopicKey, topicName } from '@chronicle/contracts';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Admin, Consumer, EachBatchPayload, Kafka, Partitioners, Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { createKafka } from './kafka-client.factory';
import { KafkaSettings } from './kafka-settings';
import { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';
import { ensureTopics } from './topic-provisioner';
import { classifyFailure, retryWhileTransient } from './failure-classification';
import { applyIsolatingPoison } from './poison-isolation';
import { ConsumerHealth } from './consumer-health';
import { LagWatcher, LogIdentity, PartitionLags, readLogIdentity } from './lag-watcher';
import { ReadMessageTimestamps, readMessageTimestamps } from './message-timestamps';

export interface KafkaBatchServerOptions {
  kafka: KafkaSettings;
  /** Consumer group; every replica of a service shares it so partitions spread the work. */
  consumer: string;
  topics: TopicKey[];
  /** How failing batches are retried; see {@link applyIsolatingPoison}. */
  retry?: Partial<BatchRetrySettings>;
  /** Progress bookkeeping for `/health`; one per service. */
  health?: ConsumerHealth;
  /** How often end offsets and committed positions are read from the broker for lag (ms). */
  lagIntervalMs?: number;
  /**
   * Checks the positions a service stores (in Postgres) against the log it is about to read, before
   * consuming starts; throws to refuse to start (e.g. positions of another cluster's topics).
   * `readLog` reads the log's identity and end offsets: a verifier reads its positions first and
   * the log after, so a position another replica stores meanwhile is never past the ends it sees.
   * `readTimestamps` reads the broker timestamps of given messages, to compare fingerprints.
   */
  verifyLog?: (readLog: () => Promise<LogIdentity>, readTimestamps: ReadMessageTimestamps) => Promise<void>;
}

/** How failing batches are retried. */
export interface BatchRetrySettings {
  /** Tries of one event that fails as poison before it is dead-lettered. */
  poisonAttempts: number;
  /** First wait before a retry; doubles each time up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

const DEFAULT_RETRY: BatchRetrySettings = { poisonAttempts: 3, backoffMs: 200, maxBackoffMs: 30_000 };

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
  /** Wall time from receiving the batch to its offset being committed. */
  handledMs: number;
  /**
   * Per message, the time from its append to the log (the broker's timestamp) to the batch's
   * commit: queueing plus handling at this stage, what a stage adds to end-to-end latency.
   */
  ageMs: number[];
}) => void;

/**
 * A NestJS transport over kafkajs that hands `@EventPattern(TOPICS.x)` handlers whole
 * batches of decoded events from one partition (the built-in Kafka transport gives one
 * message at a time). Offsets are committed to Kafka only after the handler resolves; handlers
 * that need exactly-once effects also store the batch position in their own transaction (see
 * `applyBatchOnce` in @chronicle/persistence).
 *
 * Nothing one event holds can stop a partition: malformed or unknown events go to the dead-letter
 * topic before the handler runs, and a batch the handler fails on is retried by failure class
 * ({@link classifyFailure}): transient failures (database or broker down, timeouts, conflicts)
 * with backoff for as long as they last, poison ones by bisecting the batch until the one event at
 * fault has failed `poisonAttempts` times, which is then dead-lettered with its reason while the
 * events around it are applied in order.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private readonly kafka: Kafka;
  private consumerClient?: Consumer;
  private producer?: Producer;
  private admin?: Admin;
  private deadLetters?: DeadLetterPublisher;
  private lagWatcher?: LagWatcher;
  private clusterId?: string;
  private readonly observers: BatchObserver[] = [];
  private readonly retry: BatchRetrySettings;

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
    this.kafka = createKafka(options.kafka, options.consumer);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
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
      this.admin = this.kafka.admin();
      await this.admin.connect();
      const readLog = () => retryWhileTransient(() => readLogIdentity(this.admin!, this.subscribedTopics()), 20, 250);
      this.clusterId = (await readLog()).clusterId;
      await this.options.verifyLog?.(readLog, (wanted) =>
        readMessageTimestamps(this.kafka, this.options.kafka.groupPrefix ?? this.options.kafka.topicPrefix, wanted),
      );
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
        minBytes: this.options.kafka.minBytes,
        maxBytesPerPartition: this.options.kafka.maxBytesPerPartition,
        maxBytes: fetchMaxBytes(this.options.kafka),
        sessionTimeout: this.options.kafka.sessionTimeoutMs,
        heartbeatInterval: Math.floor(this.options.kafka.sessionTimeoutMs / 5),
        allowAutoTopicCreation: false,
      });
      this.consumerClient.on(this.consumerClient.events.GROUP_JOIN, ({ payload }) => {
        this.options.health?.assigned(payload.memberAssignment, Date.now());
      });
      await this.consumerClient.connect();
      await this.consumerClient.subscribe({
        topics: this.subscribedTopics(),
        fromBeginning: true,
      });
      await this.consumerClient.run({
        eachBatchAutoResolve: false,
        autoCommit: true,
        partitionsConsumedConcurrently: this.options.kafka.partitionsConcurrently ?? 1,
        eachBatch: (payload) => this.handleBatch(payload),
      });
      this.watchLag();
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
    const receivedAt = Date.now();
    const events: EventBatch['events'] = [];
    const undecodable: DeadLetter[] = [];
    for (const message of batch.messages) {
      try {
        events.push({ event: decodeEvent(message.value), offset: message.offset, key: message.key?.toString() ?? null });
      } catch (error) {
        if (!(error instanceof EventDecodeError)) throw error;
        undecodable.push({ message, sourceTopic: batch.topic, sourcePartition: batch.partition, reason: error.reason });
      }
    }
    await this.deadLetters!.publish(undecodable, new Date().toISOString());
    const last = batch.messages[batch.messages.length - 1]!;
    const nextOffset = BigInt(last.offset) + 1n;
    const handler = this.getHandlerByPattern(this.baseTopic(batch.topic))!;
    const messages = new Map(batch.messages.map((m) => [m.offset, m]));
    const health = this.options.health;
    const poisoned = await applyIsolatingPoison(events, nextOffset, {
      apply: async (part, next) => {
        const eventBatch: EventBatch<ChronicleEvent> = {
          consumer: this.options.consumer,
          topic: batch.topic,
          partition: batch.partition,
          events: part,
          nextOffset: next,
          clusterId: this.clusterId,
          lastTimestamp: messages.get((next - 1n).toString())?.timestamp,
        };
        await lastValueFrom(this.transformToObservable(await handler(eventBatch)), { defaultValue: undefined });
      },
      classify: classifyFailure,
      maxAttempts: this.retry.poisonAttempts,
      backoff: async (notice) => {
        health?.retrying(batch.topic, batch.partition, notice, Date.now());
        this.logger.warn(
          `${batch.topic}[${batch.partition}] @${notice.firstOffset ?? nextOffset}: ${notice.kind} failure, try ${notice.attempt} ` +
            `(${notice.failure.errorClass}: ${notice.failure.message})`,
        );
        await this.waitBeforeRetry(notice.attempt, payload);
        await heartbeat();
      },
      deadLetter: async (event, failure, attempts) => {
        await this.deadLetters!.publish(
          [
            {
              message: messages.get(event.offset)!,
              sourceTopic: batch.topic,
              sourcePartition: batch.partition,
              reason: `${failure.errorClass}: ${failure.message}`,
              errorClass: failure.errorClass,
              attempts,
            },
          ],
          new Date().toISOString(),
        );
      },
    });
    resolveOffset(last.offset);
    await commitOffsetsIfNecessary();
    await heartbeat();
    const deadLettered = undecodable.length + poisoned.length;
    health?.progressed(batch.topic, batch.partition, nextOffset, Date.now());
    health?.deadLettered(deadLettered, Date.now());
    const lag = Number(BigInt(batch.highWatermark) - nextOffset);
    if (this.observers.length === 0) return;
    const committedAt = Date.now();
    const ageMs = batch.messages.map((message) => committedAt - Number(message.timestamp));
    for (const observe of this.observers) {
      observe({
        topic: batch.topic,
        partition: batch.partition,
        events: events.length,
        deadLettered,
        lag,
        handledMs: committedAt - receivedAt,
        ageMs,
      });
    }
  }

  /** Exponential backoff that gives up at once when the consumer stops or loses the partition. */
  private async waitBeforeRetry(attempt: number, payload: EachBatchPayload): Promise<void> {
    const delay = Math.min(this.retry.maxBackoffMs, this.retry.backoffMs * 2 ** Math.min(attempt - 1, 20));
    const deadline = Date.now() + delay;
    while (Date.now() < deadline) {
      if (!payload.isRunning() || payload.isStale()) throw new BatchAbandonedError(payload.batch.topic, payload.batch.partition);
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, deadline - Date.now())));
    }
  }

  private watchLag(): void {
    const health = this.options.health;
    if (!health) return;
    this.lagWatcher = new LagWatcher(
      this.admin!,
      this.options.consumer,
      this.subscribedTopics(),
      health,
      (lags) => this.lagObservers.forEach((observe) => observe(lags)),
      (error) => this.logger.warn(`lag check failed: ${error instanceof Error ? error.message : String(error)}`),
    );
    this.lagWatcher.start(this.options.lagIntervalMs ?? 5_000);
  }

  private subscribedTopics(): string[] {
    return this.options.topics.map((key) => topicName(this.options.kafka.topicPrefix, key));
  }

  private readonly lagObservers: Array<(lags: PartitionLags) => void> = [];

  /** Called after each lag check with the lag of every partition this replica owns. */
  onLag(observer: (lags: PartitionLags) => void): void {
    this.lagObservers.push(observer);
  }

  async close(): Promise<void> {
    this.lagWatcher?.stop();
    await this.consumerClient?.disconnect();
    await this.producer?.disconnect();
    await this.admin?.disconnect();
  }

  on(): never {
    throw new Error('KafkaBatchServer does not support event listeners');
  }

  unwrap<T>(): T {
    return this.consumerClient as T;
  }
}

/** The consumer stopped or lost the partition while a batch waited to be retried. */
export class BatchAbandonedError extends Error {
  constructor(topic: string, partition: number) {
    super(`abandoned a failing batch of ${topic}[${partition}]: the consumer stopped or lost the partition`);
    this.name = 'BatchAbandonedError';
  }
}
