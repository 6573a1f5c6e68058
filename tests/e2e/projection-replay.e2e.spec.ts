import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelDifferences, referenceReadModels, SqlQuery } from '../support/reference-read-models';
import { kafkaBrokers, waitFor } from '../support/test-environment';
import { projectorCaughtUp, readProjectLog } from '../support/topic-log';
import { ChronicleStack, createStack } from './support/chronicle-stack';
import { syntheticArticle } from './support/synthetic-articles';

const CLI = join(resolve(__dirname, '../..'), 'dist/apps/cli/src/main.js');
const BEFORE = 200;

describe('chronicle replay', () => {
  let stack: ChronicleStack;
  let posted = 0;
  const readFailures: string[] = [];
  let reads = 0;
  const query: SqlQuery = (sql, params) => stack.query(sql, params);

  const post = async (count: number) => {
    const batch = Array.from({ length: count }, (_, i) => syntheticArticle(posted + i));
    const response = await fetch(`${stack.cluster.url('ingest')}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    expect(response.status).toBe(202);
    posted += count;
  };
  const projected = async () =>
    (await stack.query<{ n: number }>('SELECT count(*)::int AS n FROM articles WHERE analysis_event_id IS NOT NULL'))[0]!.n;

  beforeAll(async () => {
    stack = await createStack('projection-replay', { CONSUMER_MAX_BYTES_PER_PARTITION: '65536' });
    await Promise.all((['ingest', 'enrich', 'project', 'api'] as const).map((s) => stack.cluster.start(s)));
    for (let i = 0; i < BEFORE; i += 50) await post(50);
    await waitFor(async () => (await projected()) === BEFORE, { timeoutMs: 90_000 });
  });

  afterAll(async () => {
    await stack?.teardown();
  });

  describe('when a rebuild runs while new articles keep arriving and dashboards keep reading', () => {
    let exitCode: number | null = null;
    let output = '';

    beforeAll(async () => {
      let running = true;
      const writer = (async () => {
        while (running) {
          await post(5);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      const reader = (async () => {
        const api = stack.cluster.url('api');
        while (running) {
          for (const path of [
            '/v1/actors?q=Lindqvist',
            '/v1/articles/synthetic-3',
            '/v1/actors/person:maria-lindqvist/statements',
          ]) {
            reads += 1;
            const response = await fetch(`${api}${path}`).catch((error: Error) => ({ ok: false, status: error.message }));
            if (!response.ok) readFailures.push(`${path}: ${response.status}`);
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const replay = spawn(
        process.execPath,
        [CLI, 'replay', '--projection', 'read-models', '--log-dir', join(process.cwd(), '.chronicle', 'logs')],
        {
          env: { ...process.env, ...stack.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      replay.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      replay.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      exitCode = await new Promise<number | null>((done) => replay.once('exit', done));
      running = false;
      await Promise.all([writer, reader]);
      await waitFor(async () => (await projected()) === posted, {
        timeoutMs: 90_000,
        description: 'articles posted during the rebuild projected',
      });
    });

    it('finishes with the new version live', async () => {
      expect(exitCode, output).toBe(0);
      expect(output).toMatch(/read-models v2 is live/);
      const versions = await stack.query<{ version: number; status: string }>(
        "SELECT version, status FROM projection_versions WHERE name = 'read-models' ORDER BY version",
      );
      expect(versions).toEqual([
        { version: 1, status: 'retired' },
        { version: 2, status: 'live' },
      ]);
      const schemas = await stack.query<{ nspname: string }>(
        "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'shadow_%' OR nspname LIKE 'retired_%'",
      );
      expect(schemas).toEqual([]);
      const metrics = await (await fetch(`${stack.cluster.url('api')}/metrics`)).text();
      expect(metrics).toMatch(/chronicle_projection_live_version\{[^}]*projection="read-models"[^}]*\} 2/);
    });

    it('fails no read during the rebuild and the swap', () => {
      expect(reads).toBeGreaterThan(10);
      expect(readFailures).toEqual([]);
    });

    it('leaves tables equal to an independent fold of the log, checked both ways', async () => {
      const consumer = '%chronicle-project';
      await waitFor(() => projectorCaughtUp(query, kafkaBrokers(), stack.topicPrefix, { analyses: posted, consumer }), {
        timeoutMs: 60_000,
        description: 'the live projector at the end of both topics',
      });
      const reference = referenceReadModels(await readProjectLog(kafkaBrokers(), stack.topicPrefix));
      expect(reference.articles).toHaveLength(posted);
      expect(await readModelDifferences(query, reference)).toEqual({});
    });
  });
});
