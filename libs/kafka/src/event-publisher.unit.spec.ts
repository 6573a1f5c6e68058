import { ARTICLE_SUBMITTED, ArticleSubmittedEvent, createEvent } from '@chronicle/contracts';
import fc from 'fast-check';
import { CompressionTypes, Kafka, ProducerBatch } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { chunkBySize, EventPublisher } from './event-publisher';
import { KafkaSettings } from './kafka-settings';
import { MessageTooLargeError } from './message-too-large.error';

const settings: KafkaSettings = {
  brokers: ['unused:9092'],
  clientId: 'test',
  topicPrefix: 't-',
  partitions: 1,
  replicationFactor: 1,
  maxWaitMs: 100,
  sessionTimeoutMs: 6000,
  maxMessageBytes: 2_000,
};

/** A Kafka client whose producer records what it would send. */
function recordingKafka(): { kafka: Kafka; sent: ProducerBatch[] } {
  const sent: ProducerBatch[] = [];
  const producer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    sendBatch: async (batch: ProducerBatch) => {
      sent.push(batch);
      return [];
    },
  };
  return { kafka: { producer: () => producer } as unknown as Kafka, sent };
}

function article(id: string, body: string): { key: string; event: ArticleSubmittedEvent } {
  const event = createEvent<ArticleSubmittedEvent>(
    ARTICLE_SUBMITTED,
    {
      articleId: id,
      url: null,
      outlet: null,
      title: 't',
      body,
      publishedAt: null,
      language: null,
      receivedAt: '2026-01-01T00:00:00Z',
    },
    { id: `e-${id}`, occurredAt: '2026-01-01T00:00:00Z', metadata: { correlationId: 'c', causationId: null } },
  );
  return { key: id, event };
}

describe(EventPublisher.name, () => {
  describe('when every encoded event fits', () => {
    it('sends them gzip-compressed, split so no request carries more than the limit, in order', async () => {
      const { kafka, sent } = recordingKafka();
      const publisher = new EventPublisher(kafka, settings);
      await publisher.publish(
        'articles',
        ['a', 'b', 'c', 'd'].map((id) => article(id, 'x'.repeat(700))),
      );
      expect(sent.length).toBeGreaterThan(1);
      expect(
        sent.every(
          (request) =>
            request.compression === CompressionTypes.GZIP &&
            request.acks === -1 &&
            request.topicMessages!.every(({ topic }) => topic === 't-chronicle.articles.v1'),
        ),
      ).toBe(true);
      const messages = sent.map((request) => request.topicMessages!.flatMap((t) => t.messages));
      expect(messages.flat().map((m) => m.key)).toEqual(['a', 'b', 'c', 'd']);
      for (const request of messages) {
        const bytes = request.reduce((sum, m) => sum + (m.value as Buffer).length, 0);
        expect(bytes).toBeLessThanOrEqual(settings.maxMessageBytes!);
      }
    });
  });

  describe('when one encoded event is over the limit', () => {
    it('throws MessageTooLargeError and sends nothing, not even the events that fit', async () => {
      const { kafka, sent } = recordingKafka();
      const publisher = new EventPublisher(kafka, settings);
      const events = [article('small', 'ok'), article('big', 'x'.repeat(2_000))];
      await expect(publisher.publish('articles', events)).rejects.toBeInstanceOf(MessageTooLargeError);
      await expect(publisher.publishRaw('articles', [{ key: 'k', value: 'y'.repeat(2_001) }])).rejects.toThrow(
        /2001 bytes, over the 2000-byte limit/,
      );
      expect(sent).toEqual([]);
    });
  });

  describe('when no limit is configured', () => {
    it('uses the one derived from the default MAX_ARTICLE_BYTES', () => {
      const { kafka } = recordingKafka();
      const { maxMessageBytes: _unused, ...rest } = settings;
      expect(new EventPublisher(kafka, rest).messageLimitBytes).toBe(2 * 2_000_000 + 1_048_576);
    });
  });
});

describe(chunkBySize.name, () => {
  describe('when given any sizes up to the limit', () => {
    it('keeps every message once, in order, with no group over the limit unless it holds a single message', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 100 })), fc.integer({ min: 1, max: 150 }), (sizes, max) => {
          const messages = sizes.map((size, index) => ({ size, index }));
          const chunks = chunkBySize(messages, max);
          expect(chunks.flat()).toEqual(messages);
          for (const chunk of chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            if (chunk.length > 1) expect(chunk.reduce((sum, m) => sum + m.size, 0)).toBeLessThanOrEqual(max);
          }
        }),
      );
    });
  });
});
