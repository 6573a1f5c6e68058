import { ChronicleEvent, encodeEvent, TopicKey, topicName } from '@chronicle/contracts';
import { CompressionTypes, Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { KafkaSettings, maxMessageBytesOf } from './kafka-settings';
import { MessageTooLargeError } from './message-too-large.error';
import { ProduceCoalescer, TopicChunk } from './produce-coalescer';

/** A message ready to send, with its size as the limit counts it (value bytes). */
interface SizedMessage extends Message {
  size: number;
}

/**
 * Splits messages, in order, into groups whose value bytes add up to at most `maxBytes` (a
 * message alone may fill a group), so that no partition's record batch in one request can
 * exceed what the topic accepts. Groups are sent one after another, which keeps per-key order.
 */
export function chunkBySize<M extends { size: number }>(messages: readonly M[], maxBytes: number): M[][] {
  const chunks: M[][] = [];
  let current: M[] = [];
  let bytes = 0;
  for (const message of messages) {
    if (current.length > 0 && bytes + message.size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += message.size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Publishes events; the Kafka key keeps each article's events in order on one partition.
 * Messages are gzip-compressed (kafkajs's format; small batches inline, see `gzipCodec`; lz4 and zstd
 * would need native codecs), and
 * every message is checked against `maxMessageBytes` before any is sent. Concurrent publishes
 * share produce requests ({@link ProduceCoalescer}): kafkajs has no linger, and with one request
 * in flight each publish would otherwise wait for every one before it.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private readonly maxMessageBytes: number;
  private readonly requests: ProduceCoalescer<SizedMessage>;

  constructor(
    kafka: Kafka,
    private readonly settings: KafkaSettings,
  ) {
    this.maxMessageBytes = maxMessageBytesOf(settings);
    this.producer = kafka.producer({
      // Not `idempotent`: that would need unbounded retries (a hung publish when Kafka is down).
      // One request in flight keeps order on retry; duplicates are harmless downstream.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    // Requests of at most the limit keep every partition's record batch within what the topics accept.
    this.requests = new ProduceCoalescer((chunks) => this.sendRequest(chunks), this.maxMessageBytes);
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  /**
   * Publishes all events to one topic; resolves once the broker has them.
   * @throws MessageTooLargeError, before anything is sent, when an encoded event is over the limit.
   */
  async publish(topic: TopicKey, events: Array<{ key: string; event: ChronicleEvent }>): Promise<void> {
    if (events.length === 0) return;
    await this.send(
      topic,
      events.map(({ key, event }) => ({
        key,
        value: encodeEvent(event),
        headers: {
          'event-type': event.type,
          'event-version': String(event.version),
          'correlation-id': event.metadata.correlationId,
        },
      })),
    );
  }

  /**
   * Publishes raw bytes (for tests and the dead-letter re-drive); no validation but the size limit.
   * @throws MessageTooLargeError, before anything is sent, when a value is over the limit.
   */
  async publishRaw(
    topic: TopicKey,
    messages: Array<{ key: string | null; value: Buffer | string; headers?: Record<string, string> }>,
  ): Promise<void> {
    if (messages.length === 0) return;
    await this.send(topic, messages);
  }

  /** The largest encoded event this publisher sends. */
  get messageLimitBytes(): number {
    return this.maxMessageBytes;
  }

  private async send(topic: TopicKey, messages: Array<Message & { key: string | null; value: Buffer | string }>): Promise<void> {
    const name = topicName(this.settings.topicPrefix, topic);
    const sized: SizedMessage[] = messages.map((message) => ({
      ...message,
      size: Buffer.isBuffer(message.value) ? message.value.length : Buffer.byteLength(message.value, 'utf8'),
    }));
    const tooLarge = sized.find(({ size }) => size > this.maxMessageBytes);
    if (tooLarge) throw new MessageTooLargeError(name, keyText(tooLarge.key), tooLarge.size, this.maxMessageBytes);
    const chunks = chunkBySize(sized, this.maxMessageBytes);
    await Promise.all(chunks.map((messages) => this.requests.send({ topic: name, messages })));
  }

  private async sendRequest(chunks: TopicChunk<SizedMessage>[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const { topic, messages } of chunks) {
      const list = byTopic.get(topic) ?? [];
      for (const { key, value, headers } of messages) list.push({ key, value, headers });
      byTopic.set(topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.GZIP,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
}

function keyText(key: Message['key']): string | null {
  if (key === null || key === undefined) return null;
  return typeof key === 'string' ? key : key.toString('utf8');
}
