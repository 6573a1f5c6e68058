import { ARTICLE_SUBMITTED, ArticleSubmittedEvent, createEvent, topicName } from '@chronicle/contracts';
import { createKafka, EventPublisher, ensureTopics, KafkaSettings } from '@chronicle/kafka';
import { ApiKeyStore, issueApiKey, runMigrations } from '@chronicle/persistence';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChronicleCluster, freePort } from '../e2e/support/chronicle-cluster';
import { stackEnvironment } from '../e2e/support/chronicle-stack';
import { readModelChecksums } from '../e2e/support/read-model-checksum';
import { syntheticArticle } from '../e2e/support/synthetic-articles';
import { testKafkaSettings, uniqueTopicPrefix, waitFor } from '../support/test-environment';
import { ThrowawayPostgres } from '../support/throwaway-postgres';

const ARTICLES = 400;
const OUTAGE_MS = 20_000;

function article(i: number): ArticleSubmittedEvent {
  const id = `outage-${String(i).padStart(4, '0')}`;
  const speaker = ['Prime Minister Maria Lindqvist', 'Finance Minister Jonas Berg', 'Mayor Ana Ruiz'][i % 3];
  return createEvent<ArticleSubmittedEvent>(
    ARTICLE_SUBMITTED,
    {
      articleId: id,
      url: null,
      outlet: `Outlet ${i % 5}`,
      title: `Report ${i}`,
      body: `"We will deliver on item ${i % 17}," ${speaker} said on Monday. Critics called the plan a failure.`,
      publishedAt: `2026-03-0${1 + (i % 9)}T10:00:00.000Z`,
      language: 'en',
      receivedAt: '2026-03-10T00:00:00.000Z',
    },
    { id: `event-${id}`, occurredAt: '2026-03-10T00:00:00.000Z', metadata: { correlationId: id, causationId: null } },
  );
}

async function sql<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('PostgreSQL stopped for 20 s mid-stream', () => {
  let pg: ThrowawayPostgres;
  let cluster: ChronicleCluster;
  let clean: ChronicleCluster;
  let settings: KafkaSettings;
  let cleanUrl: string;
  const topicPrefix = uniqueTopicPrefix('pg-outage');
  /** /health and the lag gauge, sampled once a second while the database is down. */
  const outageSamples: Array<{ status: string; kinds: string[]; lag: number }> = [];
  /** Ingest (auth on) while the database is down: statuses for a key it has used, and for one it has not. */
  const ingestDuringOutage = { knownKey: [] as number[], unseenKey: [] as number[] };
  let ingested = 0;
  let ingestCluster: ChronicleCluster;

  beforeAll(async () => {
    pg = ThrowawayPostgres.create(await freePort());
    pg.start();
    await sql(pg.url, 'CREATE DATABASE live');
    await sql(pg.url, 'CREATE DATABASE clean');
    const liveUrl = pg.url.replace(/\/postgres$/, '/live');
    cleanUrl = pg.url.replace(/\/postgres$/, '/clean');
    await runMigrations(liveUrl);
    await runMigrations(cleanUrl);
    settings = testKafkaSettings('pg-outage-test', topicPrefix);
    const kafka = createKafka(settings, 'test');
    await ensureTopics(kafka, settings);
    const env = stackEnvironment(liveUrl, topicPrefix, {
      CONSUMER_RETRY_MAX_BACKOFF_MS: '2000',
      CONSUMER_LAG_INTERVAL_MS: '1000',
      STALL_SECONDS: '5',
    });
    cluster = new ChronicleCluster(`pg-outage-${topicPrefix}`, env);
    await cluster.start('enrich');
    await cluster.start('project');
    // Ingest with auth on: it checks keys in this database, and must keep accepting known ones while it is down.
    ingestCluster = new ChronicleCluster(`pg-outage-ingest-${topicPrefix}`, { ...env, CHRONICLE_AUTH: 'on' });
    await ingestCluster.start('ingest');
    const keyStore = ApiKeyStore.connect(liveUrl, 1);
    const [key, unseenKey] = await Promise.all(
      ['outage ingest', 'never used before the outage'].map(
        async (name) => (await issueApiKey(keyStore, { name, scopes: ['ingest'] })).key,
      ),
    ).finally(() => keyStore.close());
    const ingest = async (apiKey: string): Promise<number> => {
      const response = await fetch(`${ingestCluster.url('ingest')}/v1/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ ...syntheticArticle(ingested), id: `outage-ingest-${ingested}` }),
      });
      await response.body?.cancel();
      if (response.status === 202) ingested += 1;
      return response.status;
    };
    expect(await ingest(key)).toBe(202);

    const publisher = new EventPublisher(kafka, settings);
    await publisher.connect();
    const chunk = 40;
    for (let start = 0; start < ARTICLES; start += chunk) {
      const events = Array.from({ length: chunk }, (_, i) => article(start + i));
      await publisher.publish(
        'articles',
        events.map((event) => ({ key: event.data.articleId, event })),
      );
      if (start === chunk * 3) {
        console.log(`[pg-outage] stopping PostgreSQL after ${start + chunk} articles, for ${OUTAGE_MS / 1000} s`);
        pg.stop();
        const until = Date.now() + OUTAGE_MS;
        while (Date.now() < until) {
          await publisher.publish(
            'articles',
            [article(ARTICLES + outageSamples.length)].map((event) => ({ key: event.data.articleId, event })),
          );
          const project = cluster.url('project');
          const health = (await (await fetch(`${project}/health`)).json()) as {
            status: string;
            problems: Array<{ kind: string }>;
          };
          const metrics = await (await fetch(`${project}/metrics`)).text();
          const lag = [...metrics.matchAll(/^chronicle_consumer_lag\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
          outageSamples.push({ status: health.status, kinds: health.problems.map((p) => p.kind), lag });
          ingestDuringOutage.knownKey.push(await ingest(key));
          ingestDuringOutage.unseenKey.push(await ingest(unseenKey));
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
        pg.start();
        console.log('[pg-outage] PostgreSQL is back');
      } else {
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
    await publisher.disconnect();

    // Idle: every project position at its topic's end offset (no fixed sleeps).
    const ends = async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        let total = 0n;
        for (const key of ['articles', 'analyses'] as const) {
          for (const { high } of await admin.fetchTopicOffsets(topicName(topicPrefix, key))) total += BigInt(high);
        }
        return total;
      } finally {
        await admin.disconnect();
      }
    };
    const caughtUp = async (url: string) => {
      const [{ n }] = await sql<{ n: string }>(url, 'SELECT COALESCE(sum(next_offset), 0)::text AS n FROM consumer_positions');
      return BigInt(n) === (await ends()) && BigInt(n) === BigInt((ARTICLES + outageSamples.length + ingested) * 2);
    };
    await waitFor(() => caughtUp(liveUrl), {
      timeoutMs: 180_000,
      intervalMs: 500,
      description: 'the live projector to catch up',
    });

    clean = new ChronicleCluster(`pg-outage-clean-${topicPrefix}`, {
      ...env,
      DATABASE_URL: cleanUrl,
      KAFKA_GROUP_PREFIX: `${topicPrefix}clean-`,
    });
    await clean.start('project');
    await waitFor(() => caughtUp(cleanUrl), {
      timeoutMs: 180_000,
      intervalMs: 500,
      description: 'the clean rebuild to catch up',
    });
  });

  afterAll(async () => {
    await cluster?.stopAll();
    await ingestCluster?.stopAll();
    await clean?.stopAll();
    pg?.destroy();
  });

  it('dead-letters nothing', async () => {
    const admin = createKafka(settings, 'test-admin').admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topicName(topicPrefix, 'deadLetter'));
    await admin.disconnect();
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(0);
  });

  it('loses nothing: every article is in the read models', async () => {
    const [{ n }] = await sql<{ n: number }>(pg.url.replace(/\/postgres$/, '/live'), 'SELECT count(*)::int AS n FROM articles');
    expect(n).toBe(ARTICLES + outageSamples.length + ingested);
  });

  it('kept ingesting with a key it knew while the database was down, and answered 503 (not 500) for one it did not', () => {
    console.log(`[pg-outage] ingest during the outage: ${JSON.stringify(ingestDuringOutage)}`);
    expect(ingestDuringOutage.knownKey.length).toBeGreaterThan(5);
    expect(new Set(ingestDuringOutage.knownKey)).toEqual(new Set([202]));
    expect(ingestDuringOutage.unseenKey.filter((status) => status !== 202).every((status) => status === 503)).toBe(true);
    expect(ingestDuringOutage.unseenKey).toContain(503);
  });

  it('told the truth while the database was down: lag above 0 and /health degraded with a stalled partition', () => {
    console.log(`[pg-outage] samples during the outage: ${JSON.stringify(outageSamples)}`);
    expect(outageSamples.some((s) => s.lag > 0)).toBe(true);
    expect(outageSamples.some((s) => s.status === 'degraded' && s.kinds.includes('stalled'))).toBe(true);
  });

  it('leaves read models equal to a clean rebuild of the same log', async () => {
    const live = await readModelChecksums((text) => sql(pg.url.replace(/\/postgres$/, '/live'), text));
    const rebuilt = await readModelChecksums((text) => sql(cleanUrl, text));
    console.log(`[pg-outage] ${JSON.stringify(Object.fromEntries(Object.entries(live).map(([t, c]) => [t, c.rows])))}`);
    expect(live).toEqual(rebuilt);
    expect(live.statements!.rows).toBeGreaterThan(0);
  });
});
