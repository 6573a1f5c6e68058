import { runMigrations } from '@chronicle/persistence';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, waitFor } from '../support/test-environment';
import { ChronicleCluster } from './support/chronicle-cluster';
import { ChronicleStack, createStack } from './support/chronicle-stack';
import { readModelChecksums } from './support/read-model-checksum';
import { syntheticArticle } from './support/synthetic-articles';

const ARTICLES = 300;

describe('project service', () => {
  let stack: ChronicleStack;
  let rebuildUrl: string;
  let rebuild: Client;

  beforeAll(async () => {
    // Small fetches make many small batches, so the kill lands between and inside transactions.
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

  const analyzedCount = async (query: (sql: string) => Promise<Array<{ n: number }>>) =>
    (await query('SELECT count(*)::int AS n FROM articles WHERE analysis_event_id IS NOT NULL'))[0]!.n;

  describe('when it is killed with SIGKILL in the middle of a few hundred articles and restarted', () => {
    beforeAll(async () => {
      await Promise.all([stack.cluster.start('ingest'), stack.cluster.start('enrich')]);
      const project = await stack.cluster.start('project');
      const ingest = stack.cluster.url('ingest');
      let killedAt: number | null = null;
      for (let start = 0; start < ARTICLES; start += 25) {
        const batch = Array.from({ length: 25 }, (_, i) => syntheticArticle(start + i));
        const response = await fetch(`${ingest}/v1/articles`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(batch),
        });
        expect(response.status).toBe(202);
        if (killedAt === null && (await analyzedCount((sql) => stack.query(sql))) > 0) {
          // Projection is under way and articles are still arriving: kill -9 mid-stream.
          await stack.cluster.kill(project, 'SIGKILL');
          killedAt = await analyzedCount((sql) => stack.query(sql));
        }
      }
      if (killedAt === null) {
        await waitFor(async () => (await analyzedCount((sql) => stack.query(sql))) > 0, { timeoutMs: 60_000, intervalMs: 10 });
        await stack.cluster.kill(project, 'SIGKILL');
        killedAt = await analyzedCount((sql) => stack.query(sql));
      }
      expect(killedAt).toBeLessThan(ARTICLES);
      await stack.cluster.start('project');
      await waitFor(async () => (await analyzedCount((sql) => stack.query(sql))) === ARTICLES, {
        timeoutMs: 120_000,
        description: 'all articles projected after restart',
      });
    });

    it('ends with read models identical to an uninterrupted rebuild from the log', async () => {
      // A second, never-killed project instance folds the same log into its own database.
      const clean = new ChronicleCluster('project-crash-rebuild', {
        ...stack.env,
        DATABASE_URL: rebuildUrl,
        KAFKA_GROUP_PREFIX: `${stack.topicPrefix}rebuild-`,
      });
      try {
        await clean.start('project');
        const rebuildQuery = async <T>(sql: string) => (await rebuild.query(sql)).rows as T[];
        await waitFor(async () => (await analyzedCount(rebuildQuery)) === ARTICLES, { timeoutMs: 120_000 });
        // Both consumed every analysis: compare once the positions match the log.
        const positions = 'SELECT topic, partition, next_offset FROM consumer_positions ORDER BY 1, 2';
        await waitFor(
          async () =>
            JSON.stringify((await stack.query(positions)).map((r) => ({ ...r }))) ===
            JSON.stringify((await rebuildQuery(positions)).map((r) => ({ ...(r as object) }))),
          { timeoutMs: 60_000, description: 'same positions in both databases' },
        );
        const crashed = await readModelChecksums((sql) => stack.query(sql));
        const uninterrupted = await readModelChecksums(rebuildQuery);
        expect(crashed.statements.rows).toBeGreaterThanOrEqual(ARTICLES * 2);
        expect(crashed).toEqual(uninterrupted);
      } finally {
        await clean.stopAll();
      }
    });

    it('holds no duplicate statements', async () => {
      const [{ n }] = await stack.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM (SELECT article_id, start_offset FROM statements GROUP BY 1, 2 HAVING count(*) > 1) d',
      );
      expect(n).toBe(0);
    });
  });
});
