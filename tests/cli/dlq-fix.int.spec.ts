import {
  ARTICLE_SUBMITTED,
  ArticleSubmittedEvent,
  createEvent,
  DEAD_LETTER_HEADERS,
  decodeEvent,
  encodeEvent,
  topicName,
} from '@chronicle/contracts';
import { createKafka, deletePrefixedTopics, ensureTopics, EventPublisher, KafkaSettings, scanTopic } from '@chronicle/kafka';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokers, uniqueTopicPrefix } from '../support/test-environment';

const CLI = join(resolve(__dirname, '../..'), 'dist/apps/cli/src/main.js');

function submitted(articleId: string, text: { title: string; body: string }, correlationId: string): ArticleSubmittedEvent {
  return createEvent<ArticleSubmittedEvent>(
    ARTICLE_SUBMITTED,
    { articleId, url: null, outlet: 'Wire', ...text, publishedAt: null, language: 'en', receivedAt: '2026-02-01T00:00:00.000Z' },
    { id: `event-${articleId}`, occurredAt: '2026-02-01T00:00:00.000Z', metadata: { correlationId, causationId: null } },
  );
}

describe('chronicle dlq replay --fix', () => {
  const topicPrefix = uniqueTopicPrefix('dlq-fix');
  const settings: KafkaSettings = {
    brokers: kafkaBrokers(),
    clientId: 'dlq-fix-test',
    topicPrefix,
    partitions: 1,
    replicationFactor: 1,
    maxWaitMs: 100,
    sessionTimeoutMs: 6000,
  };
  const kafka = createKafka(settings, 'test');
  let output: { status: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    await ensureTopics(kafka, settings);
    const publisher = new EventPublisher(kafka, settings);
    await publisher.connect();
    const dlqHeaders = (offset: string) => ({
      'event-type': ARTICLE_SUBMITTED,
      [DEAD_LETTER_HEADERS.reason]: 'QueryFailedError: invalid byte sequence for encoding "UTF8": 0x00',
      [DEAD_LETTER_HEADERS.sourceTopic]: topicName(topicPrefix, 'articles'),
      [DEAD_LETTER_HEADERS.sourcePartition]: '0',
      [DEAD_LETTER_HEADERS.sourceOffset]: offset,
      [DEAD_LETTER_HEADERS.consumer]: `${topicPrefix}chronicle-project`,
      [DEAD_LETTER_HEADERS.failedAt]: '2026-02-01T00:00:01.000Z',
    });
    await publisher.publishRaw('deadLetter', [
      {
        key: 'nul-article',
        value: JSON.stringify(submitted('nul-article', { title: 'Ti\u0000tle', body: 'Body\r\nwith \uD800 and \u001b.' }, '')),
        headers: { ...dlqHeaders('3'), 'correlation-id': '' },
      },
      { key: 'bad', value: JSON.stringify(submitted('a\u0000b', { title: 't', body: 'b' }, 'c')), headers: dlqHeaders('4') },
      { key: 'clean', value: encodeEvent(submitted('clean', { title: 't', body: 'b' }, 'keep-me')), headers: dlqHeaders('5') },
    ]);
    await publisher.disconnect();
    output = spawnSync(process.execPath, [CLI, 'dlq', 'replay', '--fix'], {
      env: { ...process.env, KAFKA_BROKERS: kafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: topicPrefix, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 90_000,
    });
  });

  afterAll(async () => {
    await deletePrefixedTopics(kafka, settings);
  });

  describe('when dead letters hold NUL, lone surrogates, controls, an empty correlation id and a bad article id', () => {
    it('re-drives the repairable ones, repaired, and reports the one it cannot repair without sending it', async () => {
      expect(output.stdout).toMatch(/2 of 3 message\(s\)\s+re-driven/);
      expect(output.stdout).toMatch(/0:1: cannot be repaired: data\.articleId/);
      expect(output.status).toBe(1);

      const redriven: Array<{ key: string | undefined; event: ArticleSubmittedEvent; headers: Record<string, string> }> = [];
      await scanTopic(kafka, settings, 'articles', (_, message) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
        redriven.push({ key: message.key?.toString(), event: decodeEvent(message.value) as ArticleSubmittedEvent, headers });
      });
      expect(redriven.map((r) => r.key)).toEqual(['nul-article', 'clean']);
      const [repaired, clean] = redriven;
      expect(repaired!.event.data).toMatchObject({ title: 'Ti\uFFFDtle', body: 'Body\nwith \uFFFD and .' });
      expect(repaired!.event.metadata.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(repaired!.headers['correlation-id']).toBe(repaired!.event.metadata.correlationId);
      expect(Object.keys(repaired!.headers).filter((name) => name.startsWith('x-dlq-'))).toEqual([]);
      expect(clean!.event.metadata.correlationId).toBe('keep-me');
      expect(clean!.headers['event-type']).toBe(ARTICLE_SUBMITTED);
    });
  });
});
