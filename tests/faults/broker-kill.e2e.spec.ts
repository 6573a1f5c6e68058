import { foldAnalyses } from '@chronicle/read-models';
import {
  ARTICLE_ANALYZED,
  ARTICLE_SUBMITTED,
  ArticleAnalyzedEvent,
  ArticleSubmittedEvent,
  createEvent,
  decodeEvent,
  topicName,
} from '@chronicle/contracts';
import { createKafka, EventPublisher, ensureTopics, KafkaSettings, scanTopic } from '@chronicle/kafka';
import { runMigrations } from '@chronicle/persistence';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChronicleCluster } from '../e2e/support/chronicle-cluster';
import { stackEnvironment } from '../e2e/support/chronicle-stack';
import { aggregateDrift, readModelChecksums } from '../e2e/support/read-model-checksum';
import { LocalKafkaCluster, startLocalKafkaCluster } from '../support/local-kafka-cluster';
import { createTestDatabase, dropTestDatabase, uniqueTopicPrefix, waitFor } from '../support/test-environment';

const ARTICLES = 300;
const CHUNK = 20;
/** The victim is killed after this many chunks and restarted after `RESTART_AFTER`. */
const KILL_AFTER = 4;
const RESTART_AFTER = 9;

function article(i: number): ArticleSubmittedEvent {
  const id = `broker-kill-${String(i).padStart(4, '0')}`;
  const speaker = ['Prime Minister Maria Lindqvist', 'Finance Minister Jonas Berg', 'Mayor Ana Ruiz'][i % 3];
  const critic = ['Senator Paul Okafor', 'Governor Lena Brandt'][i % 2];
  return createEvent<ArticleSubmittedEvent>(
    ARTICLE_SUBMITTED,
    {
      articleId: id,
      url: null,
      outlet: `Outlet ${i % 5}`,
      title: `Report ${i}`,
      body:
        `"We will deliver on item ${i % 23}," ${speaker} said on Monday. ` +
        `${critic} said the plan for district ${i % 7} was a failure.`,
      publishedAt: `2026-04-0${1 + (i % 9)}T10:00:00.000Z`,
      language: 'en',
      receivedAt: '2026-04-10T00:00:00.000Z',
    },
    { id: `event-${id}`, occurredAt: '2026-04-10T00:00:00.000Z', metadata: { correlationId: id, causationId: null } },
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

async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

describe('a broker of a 3-broker cluster SIGKILLed mid-stream', () => {
  let kafkaCluster: LocalKafkaCluster;
  let services: ChronicleCluster;
  let clean: ChronicleCluster;
  let kafka: Kafka;
  let settings: KafkaSettings;
  let liveUrl: string;
  let cleanUrl: string;
  let victim: { nodeId: number; pid: number; led: string[] };
  const published: string[] = [];
  const analyses: ArticleAnalyzedEvent[] = [];
  const topicPrefix = uniqueTopicPrefix('broker-kill');
  const topics = { articles: topicName(topicPrefix, 'articles'), analyses: topicName(topicPrefix, 'analyses') };

  const endOffsets = async (topic: string): Promise<bigint> =>
    withAdmin(kafka, async (admin) => (await admin.fetchTopicOffsets(topic)).reduce((sum, { high }) => sum + BigInt(high), 0n));

  /** Sum of the project's stored positions: equal to the articles' plus analyses' end offsets once it has applied everything. */
  const positions = async (url: string): Promise<bigint> => {
    const [{ n }] = await sql<{ n: string }>(url, 'SELECT COALESCE(sum(next_offset), 0)::text AS n FROM consumer_positions');
    return BigInt(n);
  };

  /** Enrich has analysed (committed) every article, and the project has applied every article and analysis. */
  const idle = async (): Promise<boolean> => {
    const [articlesEnd, analysesEnd] = [await endOffsets(topics.articles), await endOffsets(topics.analyses)];
    const committed = await withAdmin(kafka, (admin) =>
      admin.fetchOffsets({ groupId: `${topicPrefix}chronicle-enrich`, topics: [topics.articles] }),
    );
    const enriched = committed[0]!.partitions.reduce((sum, { offset }) => sum + (offset === '-1' ? 0n : BigInt(offset)), 0n);
    return (
      articlesEnd >= BigInt(ARTICLES) && enriched === articlesEnd && (await positions(liveUrl)) === articlesEnd + analysesEnd
    );
  };

  beforeAll(async () => {
    const startedAt = Date.now();
    const elapsed = (): string => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
    kafkaCluster = await startLocalKafkaCluster('broker-kill');
    console.log(`[broker-kill] cluster ${kafkaCluster.brokers.join(',')} up after ${elapsed()}`);
    liveUrl = await createTestDatabase('broker-kill');
    cleanUrl = await createTestDatabase('broker-kill-clean');
    await runMigrations(liveUrl);
    await runMigrations(cleanUrl);

    settings = {
      brokers: kafkaCluster.brokers,
      clientId: 'broker-kill-test',
      topicPrefix,
      partitions: 3,
      replicationFactor: 3,
      maxWaitMs: 100,
      sessionTimeoutMs: 6000,
    };
    kafka = createKafka(settings, 'test');
    // kafkajs waits for new topics' leaders on one broker and gives up on UNKNOWN_TOPIC_OR_PARTITION
    // when that broker has not yet caught up with KRaft metadata (tulios/kafkajs#815); ask again.
    await waitFor(() => ensureTopics(kafka, settings), { timeoutMs: 30_000, intervalMs: 500, description: 'the topics' });
    const env = stackEnvironment(liveUrl, topicPrefix, {
      KAFKA_BROKERS: kafkaCluster.brokers.join(','),
      KAFKA_REPLICATION_FACTOR: '3',
      CONSUMER_RETRY_MAX_BACKOFF_MS: '2000',
      // vitest sets NODE_ENV=test, which makes kafkajs cap every retry wait at 1 s (about 8 s in all):
      // shorter than Kafka takes to fence a dead broker. The services run as deployed, without it.
      NODE_ENV: '',
    });
    services = new ChronicleCluster(`broker-kill-${topicPrefix}`, env);
    await services.start('enrich');
    await services.start('project');

    // The upstream producer, with kafkajs' production retry timing (30 s cap) as ingest has when deployed.
    const upstream = new Kafka({
      clientId: 'broker-kill-upstream',
      brokers: kafkaCluster.brokers,
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 30_000 },
    });
    const publisher = new EventPublisher(upstream, settings);
    await publisher.connect();
    let killedAt = 0;
    let slowestPublishMs = 0;
    for (let chunk = 0; chunk * CHUNK < ARTICLES; chunk++) {
      const events = Array.from({ length: CHUNK }, (_, i) => article(chunk * CHUNK + i));
      const sentAt = Date.now();
      await publisher.publish(
        'articles',
        events.map((event) => ({ key: event.data.articleId, event })),
      );
      slowestPublishMs = Math.max(slowestPublishMs, Date.now() - sentAt);
      published.push(...events.map((event) => event.data.articleId));
      if (chunk + 1 === KILL_AFTER) {
        victim = await killBusiestLeader();
        killedAt = Date.now();
        console.log(
          `[broker-kill] SIGKILLed node ${victim.nodeId} (pid ${victim.pid}, leader of ${victim.led.join(', ')}) after ${published.length} articles, ${elapsed()}`,
        );
      } else if (chunk + 1 === RESTART_AFTER) {
        const restarted = await kafkaCluster.restart();
        console.log(
          `[broker-kill] restarted node(s) ${restarted.cluster?.startedNodes.join(', ')} after ${published.length} articles; ` +
            `node ${victim.nodeId} was down ${((Date.now() - killedAt) / 1000).toFixed(1)} s`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await publisher.disconnect();
    console.log(
      `[broker-kill] published ${published.length} articles by ${elapsed()}; slowest publish (failover) ${(slowestPublishMs / 1000).toFixed(1)} s`,
    );

    await waitFor(idle, { timeoutMs: 150_000, intervalMs: 500, description: 'enrich and project to be idle' });
    console.log(`[broker-kill] pipeline idle after ${elapsed()}`);

    await scanTopic(kafka, settings, 'analyses', (_, message) => {
      const event = decodeEvent(message.value);
      if (event.type === ARTICLE_ANALYZED) analyses.push(event);
    });

    clean = new ChronicleCluster(`broker-kill-clean-${topicPrefix}`, {
      ...env,
      DATABASE_URL: cleanUrl,
      KAFKA_GROUP_PREFIX: `${topicPrefix}clean-`,
    });
    await clean.start('project');
    const logEnd = (await endOffsets(topics.articles)) + (await endOffsets(topics.analyses));
    await waitFor(async () => (await positions(cleanUrl)) === logEnd, {
      timeoutMs: 120_000,
      intervalMs: 500,
      description: 'the clean rebuild to catch up',
    });
    console.log(`[broker-kill] clean rebuild caught up after ${elapsed()}`);
  });

  /** Picks the node leading the most partitions of the stream's topics (ties: lowest id) and SIGKILLs it. */
  async function killBusiestLeader(): Promise<{ nodeId: number; pid: number; led: string[] }> {
    const metadata = await withAdmin(kafka, (admin) => admin.fetchTopicMetadata({ topics: Object.values(topics) }));
    const led = new Map<number, string[]>();
    for (const topic of metadata.topics) {
      for (const partition of topic.partitions) {
        const name = `${topic.name.slice(topicPrefix.length)}[${partition.partitionId}]`;
        led.set(partition.leader, [...(led.get(partition.leader) ?? []), name]);
      }
    }
    const [nodeId, partitions] = [...led.entries()].sort(([a, x], [b, y]) => y.length - x.length || a - b)[0]!;
    const pid = await kafkaCluster.kill(nodeId);
    return { nodeId, pid, led: partitions };
  }

  afterAll(async () => {
    await services?.stopAll();
    await clean?.stopAll();
    await kafkaCluster?.destroy();
    if (liveUrl) await dropTestDatabase(liveUrl);
    if (cleanUrl) await dropTestDatabase(cleanUrl);
  });

  it('brings the restarted broker back into every partition’s in-sync replicas', async () => {
    const isr = await waitFor(
      () =>
        withAdmin(kafka, async (admin) =>
          (await admin.fetchTopicMetadata({ topics: Object.values(topics) })).topics.flatMap((topic) =>
            topic.partitions.map((partition) => partition.isr.length),
          ),
        ),
      { timeoutMs: 60_000, intervalMs: 500, until: (sizes) => sizes.every((size) => size === 3) },
    );
    expect(isr).toEqual(Array(6).fill(3));
    expect(kafkaCluster.pid(victim.nodeId)).toBeDefined();
  });

  it('dead-letters nothing', async () => {
    expect(await endOffsets(topicName(topicPrefix, 'deadLetter'))).toBe(0n);
  });

  it('loses nothing: every published article is in the read models', async () => {
    const rows = await sql<{ id: string }>(liveUrl, 'SELECT id FROM articles ORDER BY id');
    expect(rows.map((row) => row.id)).toEqual([...published].sort());
    expect(new Set(analyses.map((event) => event.data.articleId)).size).toBe(ARTICLES);
  });

  it('counts every mention and statement once, as the analyses in the log say', async () => {
    const contributions = foldAnalyses(analyses);
    const expected = {
      mentions: contributions.reduce((sum, c) => sum + c.mentions.length, 0),
      mentionCount: contributions.reduce((sum, c) => sum + c.mentions.reduce((n, m) => n + m.count, 0), 0),
      statements: contributions.reduce((sum, c) => sum + c.statements.length, 0),
    };
    const [actual] = await sql<{ mentions: number; mentionCount: number; actorMentions: number; statements: number }>(
      liveUrl,
      `SELECT (SELECT count(*)::int FROM mentions) AS mentions,
              (SELECT COALESCE(sum(count), 0)::int FROM mentions) AS "mentionCount",
              (SELECT COALESCE(sum(mention_count), 0)::int FROM actors) AS "actorMentions",
              (SELECT count(*)::int FROM statements) AS statements`,
    );
    console.log(
      `[broker-kill] published ${published.length} articles; ${analyses.length} analyses in the log ` +
        `(${analyses.length - ARTICLES} redelivered); expected ${JSON.stringify(expected)}; read models ${JSON.stringify(actual)}`,
    );
    expect(expected.statements).toBeGreaterThanOrEqual(ARTICLES);
    expect(actual).toEqual({ ...expected, actorMentions: expected.mentionCount });
    expect(await aggregateDrift((text) => sql(liveUrl, text))).toEqual([]);
  });

  it('leaves read models equal to a clean rebuild of the same log', async () => {
    const live = await readModelChecksums((text) => sql(liveUrl, text));
    const rebuilt = await readModelChecksums((text) => sql(cleanUrl, text));
    console.log(`[broker-kill] ${JSON.stringify(Object.fromEntries(Object.entries(live).map(([t, c]) => [t, c.rows])))}`);
    expect(live).toEqual(rebuilt);
  });
});
