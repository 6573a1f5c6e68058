import { DEAD_LETTER_HEADERS, encodeEvent, topicName } from '@chronicle/contracts';
import { createKafka, EventPublisher, ensureTopics, KafkaSettings } from '@chronicle/kafka';
import { submittedArticle } from './support/submitted-article';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKafkaSettings, waitFor } from '../support/test-environment';
import { freePort } from './support/chronicle-cluster';
import { ChronicleStack, createStack } from './support/chronicle-stack';

const submitted = (id: string, title?: string) => submittedArticle(id, { outlet: 'Stall Test', title });

interface HealthBody {
  status: string;
  problems: Array<{ kind: string; topic?: string; partition?: number; offset?: string; attempt?: number; error?: string }>;
}

/**
 * An event that decodes but that Postgres refuses (a NUL in a text column: SQLSTATE 22021), the
 * kind that once held a partition forever, written straight to the log past ingest's sanitizer.
 */
describe('a poison event that fails in the handler', () => {
  let stack: ChronicleStack;
  let settings: KafkaSettings;
  const healthSeen: HealthBody[] = [];
  const deadLetters: Array<Record<string, string>> = [];
  const key = 'one-partition';
  const good = Array.from({ length: 10 }, (_, i) => `stall-${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    // Slow retries (1.5 s, 3 s) so the retrying state is long enough to observe from outside.
    stack = await createStack('poison-stall', { CONSUMER_RETRY_BACKOFF_MS: '1500', CONSUMER_POISON_ATTEMPTS: '3' });
    settings = testKafkaSettings('stall-test', stack.topicPrefix);
    const kafka = createKafka(settings, 'test');
    await ensureTopics(kafka, settings);
    const publisher = new EventPublisher(kafka, settings);
    await publisher.connect();
    await publisher.publishRaw('articles', [
      ...good.slice(0, 5).map((id) => ({ key, value: encodeEvent(submitted(id)) })),
      { key, value: encodeEvent(submitted('stall-poison', 'A title with a \u0000 in it')) },
      ...good.slice(5).map((id) => ({ key, value: encodeEvent(submitted(id)) })),
    ]);
    await publisher.disconnect();

    const consumer = kafka.consumer({ groupId: `${stack.topicPrefix}dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(stack.topicPrefix, 'deadLetter'), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        deadLetters.push(
          Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString() ?? ''])),
        );
      },
    });
    // Health is sampled from the moment the service listens: the retries may begin before the
    // harness's start() returns (it waits for a healthy answer).
    const port = await freePort();
    const healthUrl = `http://127.0.0.1:${port}/health`;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        try {
          healthSeen.push((await (await fetch(healthUrl)).json()) as HealthBody);
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    await stack.cluster.start('project', 0, port);
    await waitFor(
      async () => {
        healthSeen.push((await (await fetch(healthUrl)).json()) as HealthBody);
        return deadLetters.some((d) => d[DEAD_LETTER_HEADERS.consumer]?.endsWith('chronicle-project'));
      },
      { timeoutMs: 90_000, intervalMs: 250, description: 'the poison event to be dead-lettered by project' },
    );
    sampling = false;
    await sampler;
    await consumer.disconnect();
  });

  afterAll(async () => {
    await stack?.teardown();
  });

  it('is dead-lettered after the attempt limit, with its reason, error class and source position', () => {
    const fromProject = deadLetters.filter((d) => d[DEAD_LETTER_HEADERS.consumer]?.endsWith('chronicle-project'));
    expect(fromProject).toHaveLength(1);
    expect(fromProject[0]).toMatchObject({
      [DEAD_LETTER_HEADERS.errorClass]: expect.stringMatching(/^QueryFailedError\/22/),
      [DEAD_LETTER_HEADERS.attempts]: '3',
      [DEAD_LETTER_HEADERS.sourceTopic]: topicName(stack.topicPrefix, 'articles'),
      [DEAD_LETTER_HEADERS.sourceOffset]: '5',
    });
    expect(fromProject[0]![DEAD_LETTER_HEADERS.reason]).toMatch(/Unicode escape|0x00/);
  });

  it('made /health degraded, naming the partition and the event, while it was retrying', () => {
    const degraded = healthSeen.filter((h) => h.status === 'degraded');
    expect(degraded.length).toBeGreaterThan(0);
    const problem = degraded.flatMap((h) => h.problems).find((p) => p.kind === 'retrying');
    expect(problem).toMatchObject({ topic: topicName(stack.topicPrefix, 'articles'), offset: '5' });
  });

  it('projects every event after it, and health is ok again with the partition at its end offset', async () => {
    await waitFor(async () => (await stack.query('SELECT id FROM articles')).length === good.length, { timeoutMs: 30_000 });
    const rows = await stack.query<{ id: string }>('SELECT id FROM articles ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(good);
    const positions = await stack.query<{ next_offset: string }>(
      "SELECT next_offset::text FROM consumer_positions WHERE topic LIKE '%articles%' AND next_offset > 0",
    );
    expect(positions).toEqual([{ next_offset: '11' }]);
    const health = await waitFor(
      async () => (await fetch(`${stack.cluster.url('project')}/health`)).json() as Promise<HealthBody>,
      {
        until: (h) => h.status === 'ok',
        timeoutMs: 20_000,
      },
    );
    expect(health.problems).toEqual([]);
  });
});
