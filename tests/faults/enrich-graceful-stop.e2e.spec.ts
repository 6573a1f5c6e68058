import { ARTICLE_SUBMITTED, ArticleSubmittedEvent, createEvent, encodeEvent, topicName } from '@chronicle/contracts';
import { createKafka, EventPublisher, ensureTopics } from '@chronicle/kafka';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChronicleStack, createStack } from '../e2e/support/chronicle-stack';
import { testKafkaSettings, waitFor } from '../support/test-environment';

/** Enough seed-article copies (about 630 words each) that the first analyses appear long before the last. */
const ARTICLES = 600;
const BODY = readFileSync(join(__dirname, '../fixtures/istanbul-talks.txt'), 'utf8');

function copyOfSeed(i: number): ArticleSubmittedEvent {
  const id = `graceful-${String(i).padStart(4, '0')}`;
  return createEvent<ArticleSubmittedEvent>(
    ARTICLE_SUBMITTED,
    {
      articleId: id,
      url: null,
      outlet: 'Graceful Stop Test',
      title: `Copy ${i} of the Istanbul talks`,
      body: BODY,
      publishedAt: null,
      language: 'en',
      receivedAt: '2026-02-01T00:00:00.000Z',
    },
    { id: `event-${id}`, occurredAt: '2026-02-01T00:00:00.000Z', metadata: { correlationId: id, causationId: null } },
  );
}

/**
 * An enrich replica told to stop (SIGTERM, as a deploy or a scale-down does) while its analysis threads hold batches:
 * the batches in flight finish or are left uncommitted for the next owner, and none of their valid articles is
 * taken for poison and dead-lettered.
 */
describe('an enrich replica stopped gracefully while it analyses', () => {
  let stack: ChronicleStack;
  const readers: Consumer[] = [];
  const analysed = new Set<string>();
  const deadLetters: string[] = [];
  let analysedAtStop = 0;

  beforeAll(async () => {
    // One try before isolation: a batch failed by the stop and taken for poison is dead-lettered at once.
    stack = await createStack('enrich-graceful-stop', { ENRICH_ANALYSIS_THREADS: '2', CONSUMER_POISON_ATTEMPTS: '1' });
    const settings = testKafkaSettings('graceful-stop-test', stack.topicPrefix);
    const kafka = createKafka(settings, 'test');
    await ensureTopics(kafka, settings);
    const publisher = new EventPublisher(kafka, settings);
    await publisher.connect();
    const events = Array.from({ length: ARTICLES }, (_, i) => copyOfSeed(i));
    await publisher.publishRaw(
      'articles',
      events.map((event) => ({ key: event.data.articleId, value: encodeEvent(event) })),
    );
    await publisher.disconnect();

    for (const [topic, seen] of [
      ['analyses', (value: string) => analysed.add((JSON.parse(value) as { data: { articleId: string } }).data.articleId)],
      ['deadLetter', (value: string) => deadLetters.push(value)],
    ] as const) {
      const reader = kafka.consumer({ groupId: `${stack.topicPrefix}${topic}-reader` });
      readers.push(reader);
      await reader.connect();
      await reader.subscribe({ topic: topicName(stack.topicPrefix, topic), fromBeginning: true });
      await reader.run({ eachMessage: async ({ message }) => void seen(message.value?.toString('utf8') ?? '') });
    }

    const first = await stack.cluster.start('enrich');
    await waitFor(async () => analysed.size > 0, { timeoutMs: 60_000, intervalMs: 10, description: 'first analyses' });
    analysedAtStop = analysed.size;
    await stack.cluster.kill(first, 'SIGTERM');
    await stack.cluster.start('enrich');
    // Every article ends analysed or dead-lettered.
    await waitFor(async () => analysed.size + deadLetters.length >= ARTICLES, {
      timeoutMs: 120_000,
      intervalMs: 200,
      description: 'every article analysed or dead-lettered',
    });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(readers.map((reader) => reader.disconnect()));
    await stack?.teardown();
  });

  it('was told to stop with articles still to analyse (the stop landed mid-work)', () => {
    expect(analysedAtStop).toBeLessThan(ARTICLES);
  });

  it('analyses every article once a replica is back, and dead-letters none', async () => {
    expect(deadLetters).toEqual([]);
    expect(analysed.size).toBe(ARTICLES);
  });
});
