import { topicName } from '@chronicle/contracts';
import { createKafka, KafkaSettings, readDeadLetters } from '@chronicle/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokers, waitFor } from '../support/test-environment';
import { ChronicleStack, createStack } from './support/chronicle-stack';
import {
  HostileRequest,
  hostileCorpus,
  normalArticles,
  PATHOLOGICAL_ID_PREFIX,
  ROLL_CALL_ID,
  rollCallLines,
} from './support/hostile-articles';

const SEED = 20261201;
const MAX_ARTICLE_BYTES = 2_000_000;
const NORMAL = 1_000;

interface Outcome {
  request: HostileRequest;
  status: number;
  ids: string[];
  body: string;
}

/**
 * Everything the world may send, generated, through all five services: every article that got a
 * 202 ends in the read models or in the dead-letter topic with a reason, nothing is stuck, every
 * partition's position reaches its end offset.
 */
describe('hostile input through the whole pipeline', () => {
  let stack: ChronicleStack;
  let settings: KafkaSettings;
  const outcomes: Outcome[] = [];
  const accepted = new Set<string>();
  const corpus = hostileCorpus(SEED, MAX_ARTICLE_BYTES);

  beforeAll(async () => {
    // Auth on, every request with a valid key: the hostile input meets the handlers, not the guard.
    stack = await createStack('hostile-input', { MAX_ARTICLE_BYTES: String(MAX_ARTICLE_BYTES), CHRONICLE_AUTH: 'on' });
    settings = {
      brokers: kafkaBrokers(),
      clientId: 'hostile-test',
      topicPrefix: stack.topicPrefix,
      partitions: 3,
      replicationFactor: 1,
      maxWaitMs: 100,
      sessionTimeoutMs: 6000,
    };
    for (const service of ['ingest', 'enrich', 'project', 'alert', 'api'] as const) await stack.cluster.start(service);
    const ingest = stack.cluster.url('ingest');
    const api = stack.cluster.url('api');
    const subscription = await fetch(`${api}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.authorization },
      body: JSON.stringify({ actors: ['Maria Lindqvist'], channel: 'stream' }),
    });
    expect(subscription.status, await subscription.clone().text()).toBe(201);

    const normal = normalArticles(SEED, NORMAL);
    const requests: HostileRequest[] = [...corpus];
    for (let i = 0; i < normal.length; i += 50) {
      requests.push({
        kind: 'normal',
        method: 'POST',
        path: '/v1/articles',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(normal.slice(i, i + 50)),
        expected: [202],
      });
    }
    // Interleave hostile and normal requests, deterministically.
    requests.sort((a, b) => hash(a.body) - hash(b.body));
    for (const request of requests) {
      const response = await fetch(`${ingest}${request.path}`, {
        method: request.method,
        headers: { ...request.headers, ...stack.authorization },
        body: request.body,
      });
      const text = await response.text();
      const ids = response.status === 202 ? ((JSON.parse(text) as { ids: string[] }).ids ?? []) : [];
      ids.forEach((id) => accepted.add(id));
      outcomes.push({ request, status: response.status, ids, body: text.slice(0, 300) });
    }

    // Idle: every consumer's position at the end of what it reads.
    const kafka = createKafka(settings, 'hostile-admin');
    const admin = kafka.admin();
    await admin.connect();
    try {
      const endOf = async (key: 'articles' | 'analyses') =>
        (await admin.fetchTopicOffsets(topicName(stack.topicPrefix, key))).map((p) => ({ partition: p.partition, high: p.high }));
      await waitFor(
        async () => {
          const articles = await endOf('articles');
          const analyses = await endOf('analyses');
          const stored = await stack.query<{ consumer: string; topic: string; partition: number; next_offset: string }>(
            'SELECT consumer, topic, partition, next_offset::text FROM consumer_positions',
          );
          const at = (consumer: string, topic: string, partition: number) =>
            stored.find((s) => s.consumer.endsWith(consumer) && s.topic === topic && s.partition === partition)?.next_offset ?? '0';
          const enrich = await admin.fetchOffsets({
            groupId: `${stack.topicPrefix}chronicle-enrich`,
            topics: [topicName(stack.topicPrefix, 'articles')],
          });
          const enrichAt = (partition: number) => enrich[0]?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
          const articlesTopic = topicName(stack.topicPrefix, 'articles');
          const analysesTopic = topicName(stack.topicPrefix, 'analyses');
          return (
            articles.every((p) => at('chronicle-project', articlesTopic, p.partition) === p.high && (p.high === '0' || enrichAt(p.partition) === p.high)) &&
            analyses.every((p) => at('chronicle-project', analysesTopic, p.partition) === p.high && at('chronicle-alert', analysesTopic, p.partition) === p.high)
          );
        },
        { timeoutMs: 240_000, intervalMs: 1_000, description: 'every partition position at its end offset' },
      );
    } finally {
      await admin.disconnect();
    }
  });

  afterAll(async () => {
    await stack?.teardown();
  });

  it('answers every request with a clear status, never a 5xx, and as the request deserves', () => {
    const wrong = outcomes.filter((o) => !o.request.expected.includes(o.status));
    expect(wrong.map((o) => `${o.request.kind} ${o.request.method} ${o.request.path.slice(0, 60)} -> ${o.status} ${o.body}`)).toEqual([]);
    const refusals = outcomes.filter((o) => o.status >= 400);
    expect(refusals.every((o) => o.body.length > 0)).toBe(true);
    expect(corpus.length).toBeGreaterThanOrEqual(200);
  });

  it('puts every accepted article in the read models or the dead-letter topic with a reason; none is lost', async () => {
    const stored = new Set((await stack.query<{ id: string }>('SELECT id FROM articles')).map((r) => r.id));
    const deadLetters = await readDeadLetters(createKafka(settings, 'hostile-dlq'), settings);
    const deadLettered = new Map<string, string>();
    for (const letter of deadLetters) {
      try {
        const id = (JSON.parse(letter.value?.toString('utf8') ?? '') as { data?: { articleId?: string } }).data?.articleId;
        if (id) deadLettered.set(id, letter.reason);
      } catch {
        // undecodable bytes name no article
      }
    }
    const lost = [...accepted].filter((id) => !stored.has(id) && !deadLettered.has(id));
    const counts = {
      requests: outcomes.length,
      hostileRequests: corpus.length,
      accepted: accepted.size,
      refused: Object.fromEntries(
        [...new Set(outcomes.map((o) => o.status))].filter((s) => s !== 202).map((s) => [s, outcomes.filter((o) => o.status === s).length]),
      ),
      inReadModels: [...accepted].filter((id) => stored.has(id)).length,
      byKind: Object.fromEntries(
        [...new Set(outcomes.map((o) => o.request.kind))].map((kind) => [
          kind,
          outcomes
            .filter((o) => o.request.kind === kind)
            .reduce<Record<number, number>>((tally, o) => ({ ...tally, [o.status]: (tally[o.status] ?? 0) + 1 }), {}),
        ]),
      ),
      deadLettered: deadLetters.length,
      lost: lost.length,
    };
    console.log(`[hostile-input] ${JSON.stringify(counts)}`);
    expect(lost).toEqual([]);
    expect(deadLetters.every((d) => d.reason.length > 0 && d.errorClass.length > 0)).toBe(true);
    expect(stored.size).toBeGreaterThanOrEqual(NORMAL);
  });

  it('analyses the pathological shapes like any article, none dead-lettered', async () => {
    const piles = outcomes.filter((o) => o.request.kind === 'pathological-shape');
    expect(piles.length).toBe(4);
    const analysed = await stack.query<{ id: string; analyzer_version: string | null }>(
      `SELECT id, analyzer_version FROM articles WHERE id LIKE '${PATHOLOGICAL_ID_PREFIX}%' ORDER BY id`,
    );
    expect(analysed.map((a) => a.id)).toEqual(piles.flatMap((o) => o.ids).sort());
    expect(analysed.every((a) => a.analyzer_version !== null)).toBe(true);
  });

  it('analyses an article whose whole analysis is over the message limit, cut to fit, with every mention counted', async () => {
    const rows = await stack.query<{ analyzer_version: string | null; actor_id: string; count: number }>(
      'SELECT a.analyzer_version, m.actor_id, m.count FROM articles a JOIN mentions m ON m.article_id = a.id WHERE a.id = $1',
      [ROLL_CALL_ID],
    );
    expect(rows).toEqual([{ analyzer_version: expect.any(String), actor_id: 'person:kiro', count: rollCallLines(MAX_ARTICLE_BYTES) }]);
  });

  it('serves accepted hostile articles back through the API with their text sanitized', async () => {
    const api = stack.cluster.url('api');
    const hostileIds = outcomes.filter((o) => o.request.kind !== 'normal' && o.status === 202).flatMap((o) => o.ids);
    expect(hostileIds.length).toBeGreaterThan(50);
    for (const id of hostileIds.slice(0, 40)) {
      const response = await fetch(`${api}/v1/articles/${encodeURIComponent(id)}`, { headers: stack.authorization });
      expect(response.status, id).toBe(200);
      const article = (await response.json()) as { title: string; body: string };
      // eslint-disable-next-line no-control-regex
      expect(`${article.title}${article.body}`).not.toMatch(/[\u0000-\u0008\u000b-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
  });
});

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < Math.min(text.length, 2_000); i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
