import { DEAD_LETTER_HEADERS, encodeEvent, topicName } from '@chronicle/contracts';
import { createKafka, EventPublisher, ensureTopics, KafkaSettings } from '@chronicle/kafka';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { submittedArticle } from './support/submitted-article';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKafkaSettings, waitFor } from '../support/test-environment';
import { ChronicleStack, createStack } from './support/chronicle-stack';

const submitted = (id: string) => submittedArticle(id, { outlet: 'DLQ Test' });

describe('dead-letter handling', () => {
  let stack: ChronicleStack;
  let settings: KafkaSettings;
  const deadLetters: Array<{ reason: string; consumer: string; sourceTopic: string; value: string }> = [];

  beforeAll(async () => {
    stack = await createStack('dead-letter');
    settings = testKafkaSettings('dlq-test', stack.topicPrefix);
    const kafka = createKafka(settings, 'test');
    await ensureTopics(kafka, settings);
    const publisher = new EventPublisher(kafka, settings);
    await publisher.connect();
    // Same key: one partition, so the poison sits between valid events in order.
    const key = 'same-partition';
    await publisher.publishRaw('articles', [
      { key, value: encodeEvent(submitted('valid-1')) },
      { key, value: 'this is not json' },
      { key, value: JSON.stringify({ ...submitted('x'), type: 'ArticleTeleported' }) },
      { key, value: JSON.stringify({ ...submitted('y'), data: { ...submitted('y').data, body: undefined } }) },
      { key, value: encodeEvent(submitted('valid-2')) },
      { key, value: encodeEvent(submitted('valid-3')) },
    ]);
    await publisher.disconnect();

    const consumer = kafka.consumer({ groupId: `${stack.topicPrefix}dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(stack.topicPrefix, 'deadLetter'), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const header = (name: string) => message.headers?.[name]?.toString() ?? '';
        deadLetters.push({
          reason: header(DEAD_LETTER_HEADERS.reason),
          consumer: header(DEAD_LETTER_HEADERS.consumer),
          sourceTopic: header(DEAD_LETTER_HEADERS.sourceTopic),
          value: message.value?.toString() ?? '',
        });
      },
    });
    await stack.cluster.start('project');
    await waitFor(() => deadLetters.filter((d) => d.consumer.endsWith('chronicle-project')).length >= 3, { timeoutMs: 60_000 });
    await consumer.disconnect();
  });

  afterAll(async () => {
    await stack?.teardown();
  });

  describe('when malformed and unknown events sit between valid ones', () => {
    it('sends each to the dead-letter topic with its reason and original bytes', () => {
      const fromProject = deadLetters.filter((d) => d.consumer.endsWith('chronicle-project'));
      expect(fromProject.map((d) => d.reason)).toEqual([
        expect.stringContaining('not JSON'),
        expect.stringContaining('unknown event type "ArticleTeleported"'),
        expect.stringMatching(/invalid ArticleSubmitted data: body/),
      ]);
      expect(fromProject[0]!.value).toBe('this is not json');
      expect(fromProject.every((d) => d.sourceTopic === topicName(stack.topicPrefix, 'articles'))).toBe(true);
    });

    it('projects every valid event around them', async () => {
      await waitFor(async () => (await stack.query('SELECT id FROM articles')).length === 3, { timeoutMs: 30_000 });
      const rows = await stack.query<{ id: string }>('SELECT id FROM articles ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual(['valid-1', 'valid-2', 'valid-3']);
    });
  });

  describe('when an operator inspects and re-drives the dead-letter topic', () => {
    const cli = (...args: string[]) => {
      const result = spawnSync(
        process.execPath,
        [join(resolve(__dirname, '../..'), 'dist/apps/cli/src/main.js'), 'dlq', ...args],
        {
          env: { ...process.env, ...stack.env },
          encoding: 'utf8',
          timeout: 90_000,
        },
      );
      if (result.status !== 0) throw new Error(`chronicle dlq ${args.join(' ')} failed: ${result.stderr}`);
      return result.stdout;
    };
    const listed = () =>
      cli('list', '--json')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { reason: string; consumer: string; sourceOffset: string; value: string });

    it('lists each dead letter with its reason, source position and original value', () => {
      const records = listed().filter((r) => r.consumer.endsWith('chronicle-project'));
      expect(records).toHaveLength(3);
      expect(records[0]).toMatchObject({ value: 'this is not json', sourceOffset: '1' });
      expect(records.map((r) => r.reason)).toEqual(fromProjectReasons());
    });

    it('re-drives each message once: a second replay only sends what failed again since', async () => {
      const first = cli('replay', '--consumer', 'chronicle-project');
      expect(first).toMatch(/3 of 3 message\(s\)\s+re-driven/);
      // Still malformed, so the project consumer dead-letters the three again.
      await waitFor(() => listed().filter((r) => r.consumer.endsWith('chronicle-project')).length === 6, { timeoutMs: 60_000 });
      const second = cli('replay', '--consumer', 'chronicle-project');
      expect(second).toMatch(/3 of 3 message\(s\)\s+re-driven/);
      const rows = await stack.query<{ id: string }>('SELECT id FROM articles ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual(['valid-1', 'valid-2', 'valid-3']);
    });
  });

  function fromProjectReasons() {
    return deadLetters.filter((d) => d.consumer.endsWith('chronicle-project')).map((d) => d.reason);
  }
});
