import { Admin, Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseUrl,
  dropTestDatabase,
  kafkaBrokers,
  uniqueTopicPrefix,
  waitFor,
} from '../support/test-environment';

describe('Kafka broker from the global setup', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let consumer: Consumer | undefined;
  const prefix = uniqueTopicPrefix('kafka-broker');
  const topic = `${prefix}articles`;

  beforeAll(async () => {
    kafka = new Kafka({ clientId: 'chronicle-infra-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, retry: { retries: 1 } });
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await Promise.all([producer?.disconnect(), admin?.disconnect()]);
  });

  describe('when a message is produced to a created topic', () => {
    it('is read back by a consumer group', async () => {
      const received: Array<{ key?: string; value?: string; header?: string }> = [];
      consumer = kafka.consumer({ groupId: `${prefix}group` });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          received.push({
            key: message.key?.toString(),
            value: message.value?.toString(),
            header: message.headers?.['correlation-id']?.toString(),
          });
        },
      });

      await producer.send({
        topic,
        messages: [
          { key: 'article-1', value: JSON.stringify({ title: 'hello' }), headers: { 'correlation-id': 'c-1' } },
        ],
      });

      const messages = await waitFor(() => received.length > 0 && received, {
        timeoutMs: 30_000,
        description: 'the consumed message',
      });
      expect(messages).toEqual([{ key: 'article-1', value: '{"title":"hello"}', header: 'c-1' }]);
    });
  });

  describe('when producing to a topic nobody created', () => {
    it('is rejected because topics are never auto-created', async () => {
      await expect(producer.send({ topic: `${prefix}missing`, messages: [{ value: 'x' }] })).rejects.toThrow();
      const topics = await admin.listTopics();
      expect(topics).not.toContain(`${prefix}missing`);
    });
  });
});

describe(createTestDatabase.name, () => {
  let url: string | undefined;

  afterAll(async () => {
    if (url) await dropTestDatabase(url);
  });

  describe('when a test asks for a database', () => {
    it('gets a fresh, writable database that is dropped afterwards', async () => {
      url = await createTestDatabase('infra smoke');
      expect(new URL(url).pathname).toMatch(/^\/t_infra_smoke_[0-9a-f]{6}$/);

      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('CREATE TABLE probe (id int PRIMARY KEY, note text)');
        await client.query("INSERT INTO probe VALUES (1, 'ok')");
        const { rows } = await client.query('SELECT note FROM probe');
        expect(rows).toEqual([{ note: 'ok' }]);
      } finally {
        await client.end();
      }

      await dropTestDatabase(url);
      const name = decodeURIComponent(new URL(url).pathname.slice(1));
      url = undefined;
      const server = new Client({ connectionString: databaseUrl() });
      await server.connect();
      try {
        const { rowCount } = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        expect(rowCount).toBe(0);
      } finally {
        await server.end();
      }
    });
  });
});
