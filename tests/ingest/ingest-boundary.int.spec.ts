import { ArticleSubmittedEvent, decodeEvent, RETAINED_FOREVER, topicName } from '@chronicle/contracts';
import { createKafka, deletePrefixedTopics, KafkaSettings, scanTopic, topicMaxMessageBytes } from '@chronicle/kafka';
import { maxMessageBytesFor } from '@chronicle/config';
import { ConfigResourceTypes } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChronicleCluster } from '../e2e/support/chronicle-cluster';
import { kafkaBrokers, uniqueTopicPrefix } from '../support/test-environment';

/** The broker's default `max.message.bytes`: what topics made before the limit was derived had. */
const BROKER_DEFAULT_MAX_MESSAGE_BYTES = '1048588';

describe('ingest at its boundary (real service, real broker)', () => {
  const topicPrefix = uniqueTopicPrefix('ingest-boundary');
  const settings: KafkaSettings = {
    brokers: kafkaBrokers(),
    clientId: 'ingest-boundary-test',
    topicPrefix,
    partitions: 1,
    replicationFactor: 1,
    maxWaitMs: 100,
    sessionTimeoutMs: 6000,
    maxMessageBytes: maxMessageBytesFor(2_000_000),
  };
  const kafka = createKafka(settings, 'test');
  const cluster = new ChronicleCluster(`ingest-boundary-${topicPrefix}`, {
    CHRONICLE_ENV: 'test',
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_PARTITIONS: '1',
    LOG_LEVEL: 'warn',
  });
  let ingest: string;

  const send = (method: string, path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${ingest}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body });

  beforeAll(async () => {
    // An articles topic as an older Chronicle made it: the broker's 1 MiB message limit.
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: topicName(topicPrefix, 'articles'),
          numPartitions: 1,
          replicationFactor: 1,
          configEntries: [
            { name: 'retention.ms', value: '-1' },
            { name: 'max.message.bytes', value: BROKER_DEFAULT_MAX_MESSAGE_BYTES },
          ],
        },
      ],
    });
    await admin.disconnect();
    await cluster.start('ingest');
    ingest = cluster.url('ingest');
  });

  afterAll(async () => {
    await cluster.stopAll();
    await deletePrefixedTopics(kafka, settings);
  });

  describe('when the service starts on a topic made with a smaller message limit', () => {
    it('raises the limit to the one derived from MAX_ARTICLE_BYTES and keeps the topic retained forever', async () => {
      expect(RETAINED_FOREVER).toContain('articles');
      const admin = kafka.admin();
      await admin.connect();
      try {
        const { resources } = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [{ type: ConfigResourceTypes.TOPIC, name: topicName(topicPrefix, 'articles') }],
        });
        const value = (name: string) => resources[0]!.configEntries.find((entry) => entry.configName === name)?.configValue;
        expect(value('max.message.bytes')).toBe(String(topicMaxMessageBytes(settings)));
        expect(value('retention.ms')).toBe('-1');
      } finally {
        await admin.disconnect();
      }
    });
  });

  describe('when an article of about 1.9 MB is posted with an over-long correlation id', () => {
    it('accepts it (202), and the whole article is on the articles topic with a fresh correlation id', async () => {
      // Random text, so that even gzip-compressed the message is over the broker's 1 MiB default.
      const body = randomBytes(1_400_000).toString('base64');
      expect(Buffer.byteLength(body)).toBeGreaterThan(1_800_000);
      const response = await send('POST', '/v1/articles', JSON.stringify({ id: 'large-article', title: 'Large', body }), {
        'x-correlation-id': 'c'.repeat(200),
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ ids: ['large-article'] });

      const events: ArticleSubmittedEvent[] = [];
      await scanTopic(kafka, settings, 'articles', (_, message) => {
        events.push(decodeEvent(message.value) as ArticleSubmittedEvent);
      });
      const event = events.find((e) => e.data.articleId === 'large-article');
      expect(event?.data.body).toBe(body);
      expect(event?.metadata.correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  });

  describe('when an article is over MAX_ARTICLE_BYTES', () => {
    it('refuses it with 413', async () => {
      const response = await send('POST', '/v1/articles', JSON.stringify({ title: 'Too large', body: 'x'.repeat(2_000_001) }));
      expect(response.status).toBe(413);
    });
  });

  describe('when the body is not JSON', () => {
    it('refuses it with 415', async () => {
      const response = await send('POST', '/v1/articles', 'title: hello', { 'content-type': 'text/plain' });
      expect(response.status).toBe(415);
    });
  });

  describe('when the body is malformed JSON', () => {
    it('refuses it with 400', async () => {
      const response = await send('POST', '/v1/articles', '{"title": "t", "body": ');
      expect(response.status).toBe(400);
    });
  });

  describe('when the path id holds a NUL (PUT /v1/articles/a%00b)', () => {
    it('refuses it with 400 naming the id', async () => {
      const response = await send('PUT', '/v1/articles/a%00b', JSON.stringify({ title: 't', body: 'b' }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { problems: Array<{ path: string }> }).problems.map((p) => p.path)).toEqual(['id']);
    });
  });

  describe('when the JSON carries a __proto__ key', () => {
    it('refuses it with 400 naming the key', async () => {
      const response = await send('POST', '/v1/articles', '{"__proto__":{"polluted":true},"title":"t","body":"b"}');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ problems: [{ path: '__proto__', message: 'unknown field' }] });
    });
  });
});
