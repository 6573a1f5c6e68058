import { seededRandom } from '@chronicle/domain';
import { createKafka, fetchHighWatermarks, KafkaSettings } from '@chronicle/kafka';
import { runMigrations } from '@chronicle/persistence';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, kafkaBrokers, waitFor } from '../support/test-environment';
import { ChronicleCluster } from './support/chronicle-cluster';
import { ChronicleStack, createStack } from './support/chronicle-stack';
import { aggregateDrift, readModelChecksums } from './support/read-model-checksum';
import { revisedSyntheticArticle, syntheticArticle } from './support/synthetic-articles';

const ROUNDS = 12;
const PER_ROUND = 250;
const ARTICLES = ROUNDS * PER_ROUND;
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);


const isRevised = (i: number) => i % 10 === 3;
const isRetracted = (i: number) => i % 25 === 7;

describe('project service', () => {
  let stack: ChronicleStack;
  let rebuildUrl: string;
  let rebuild: Client;
  const random = seededRandom(SEED);

  beforeAll(async () => {
    // Small fetches make many small batches, so the kills land between and inside transactions.
    stack = await createStack('project-crash', { CONSUMER_MAX_BYTES_PER_PARTITION: '16384' });
    rebuildUrl = await createTestDatabase('project-crash-rebuild');
    await runMigrations(rebuildUrl);
    rebuild = new Client({ connectionString: rebuildUrl });
    await rebuild.connect();
  });

  afterAll(async () => {
    await stack?.teardown();
    await rebuild?.end();
    if (rebuildUrl) await dropTestDatabase(rebuildUrl);
  });

  const send = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${stack.cluster.url('ingest')}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);
  };

  /** Sum of the projector's stored positions once they equal the end of both topics. */
  const caughtUp = async (query: <T>(sql: string) => Promise<T[]>, expectedAnalyses: number) => {
    const settings: KafkaSettings = {
      brokers: kafkaBrokers(),
      clientId: 'crash-test',
      topicPrefix: stack.topicPrefix,
      partitions: 3,
      replicationFactor: 1,
      maxWaitMs: 100,
      sessionTimeoutMs: 6000,
    };
    const highs = await fetchHighWatermarks(createKafka(settings), settings, ['articles', 'analyses']);
    const analyses = [...highs].filter(([k]) => k.includes('analyses')).reduce((s, [, v]) => s + Number(v), 0);
    const total = [...highs.values()].reduce((s, v) => s + Number(v), 0);
    const [{ n }] = await query<{ n: string }>('SELECT COALESCE(sum(next_offset), 0)::text AS n FROM consumer_positions');
    return analyses >= expectedAnalyses && Number(n) === total;
  };

  describe(`when it is SIGKILLed ${ROUNDS} times at random moments while ${ARTICLES} articles, revisions and retractions flow`, () => {
    let expectedAnalyses = 0;

    beforeAll(async () => {
      console.log(`project-crash seed: ${SEED} (repeat with CRASH_SEED=${SEED})`);
      await Promise.all([stack.cluster.start('ingest'), stack.cluster.start('enrich')]);
      let project = await stack.cluster.start('project');
      for (let round = 0; round < ROUNDS; round += 1) {
        const first = round * PER_ROUND;
        const articles = Array.from({ length: PER_ROUND }, (_, i) => syntheticArticle(first + i));
        await send('POST', '/v1/articles', articles);
        expectedAnalyses += PER_ROUND;
        for (const article of articles) {
          const i = Number(article.id.split('-')[1]);
          if (isRevised(i)) {
            const { id: _id, ...revision } = revisedSyntheticArticle(i);
            await send('PUT', `/v1/articles/${article.id}`, revision);
            expectedAnalyses += 1;
          }
          if (isRetracted(i)) await send('DELETE', `/v1/articles/${article.id}`, { reason: 'test retraction' });
        }
        await new Promise((r) => setTimeout(r, 200 + Math.floor(random() * 2500)));
        await stack.cluster.kill(project, 'SIGKILL');
        project = await stack.cluster.start('project');
      }
      await waitFor(() => caughtUp((sql) => stack.query(sql), expectedAnalyses), {
        timeoutMs: 150_000,
        intervalMs: 500,
        description: 'the restarted projector caught up with both topics',
      });
    });

    it('ends with every read model identical to an uninterrupted rebuild from the log', async () => {
      // A second, never-killed project instance folds the same log into its own database.
      const clean = new ChronicleCluster('project-crash-rebuild', {
        ...stack.env,
        DATABASE_URL: rebuildUrl,
        KAFKA_GROUP_PREFIX: `${stack.topicPrefix}rebuild-`,
        CONSUMER_MAX_BYTES_PER_PARTITION: '1048576',
      });
      try {
        await clean.start('project');
        const rebuildQuery = async <T>(sql: string) => (await rebuild.query(sql)).rows as T[];
        await waitFor(() => caughtUp(rebuildQuery, expectedAnalyses), { timeoutMs: 120_000, intervalMs: 500 });
        const crashed = await readModelChecksums((sql) => stack.query(sql));
        const uninterrupted = await readModelChecksums(rebuildQuery);
        expect(crashed.articles.rows).toBe(ARTICLES);
        expect(crashed.statements.rows).toBeGreaterThanOrEqual(ARTICLES);
        expect(crashed.actor_sentiment.rows).toBeGreaterThan(0);
        expect(crashed).toEqual(uninterrupted);
      } finally {
        await clean.stopAll();
      }
    });

    it('holds no duplicates and no aggregate that differs from a recount of its rows', async () => {
      const [{ n }] = await stack.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT article_id, kind, start_offset, end_offset FROM statements GROUP BY 1, 2, 3, 4
                                         HAVING count(*) > 1) d`,
      );
      expect(n).toBe(0);
      expect(await aggregateDrift((sql) => stack.query(sql))).toEqual([]);
    });

    it('shows revised and retracted articles as such, with retracted ones contributing nothing', async () => {
      const statuses = await stack.query<{ status: string; n: number; contributing: number }>(
        `SELECT status, count(*)::int AS n, count(analysis_offset)::int AS contributing FROM articles GROUP BY 1 ORDER BY 1`,
      );
      const retracted = Array.from({ length: ARTICLES }, (_, i) => i).filter(isRetracted).length;
      const revised = Array.from({ length: ARTICLES }, (_, i) => i).filter((i) => isRevised(i) && !isRetracted(i)).length;
      expect(statuses).toEqual([
        { status: 'live', n: ARTICLES - retracted - revised, contributing: ARTICLES - retracted - revised },
        { status: 'retracted', n: retracted, contributing: 0 },
        { status: 'revised', n: revised, contributing: revised },
      ]);
      const [{ n }] = await stack.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.status = 'retracted'`,
      );
      expect(n).toBe(0);
    });
  });
});
