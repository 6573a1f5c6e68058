/**
 * `npm run bench -- api [--articles N] [--requests N] [--concurrency N] [--keep] [--reuse]`: read latency of the
 * dashboard's API routes on a realistic store. Loads N (default 100,000) generated analysed articles
 * (`analyzedEvents`) through the project service's own write path, as the projection bench does
 * (prepared batches applied with `applyBatchOnce` + `projectAnalyses`, keyed onto partitions), compacts
 * the sentiment ledger, packs the co-mentions and totals the sentiment days as the service's worker does (timed, also on `--reuse`) and analyses the tables, then starts the api service as a separate process (auth
 * and rate limits on, as in production, the limits set out of reach) and sends each endpoint `--requests`
 * (default 400) requests after a warm-up (of every endpoint first, then of each before it is measured), `--concurrency`
 * (default 8) at a time, with parameters drawn
 * from the loaded data. Prints one JSON line `{endpoint: {p50, p95, p99, api_cpu_ms, postgres_cpu_ms}}` (latencies in ms;
 * CPU time per request of the api process and of the whole PostgreSQL server while that endpoint was measured) and a
 * table on stderr. `--only <text>` measures only the endpoints whose name contains it (every one is still warmed).
 * Brings up the local broker when `KAFKA_BROKERS` is unset, like the other benches (the service needs
 * a broker configured to boot). The database is dropped afterwards unless `--keep`; `--reuse` measures
 * a database an earlier `--keep` run loaded (migrated to today's schema, its article count checked)
 * instead of loading one, so a query change can be measured in minutes.
 */
import { loadConfig } from '@chronicle/config';
import { ApiKeyStore, createDataSource, issueApiKey } from '@chronicle/persistence';
import { seededRandom } from '@chronicle/domain';
import { freePort, GENERATED_WORDS } from '@chronicle/test-support';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { Pool } from 'undici';
import 'reflect-metadata';
import { analyzedLog, applyPartitioned, LoggedAnalysis, projectBatchAsTheService } from '../projection/partitioned-batches';
import { dropBenchDatabase, freshBenchDatabase, keptBenchDatabase } from '../support/bench-database';
import { numberFlag } from '../support/bench-flags';
import { infrastructureCpuSeconds, processCpuSeconds } from '../support/process-cpu';
import { packToTheEnd, totalToTheEnd } from '../support/compact-ledgers';
import { benchInfra, noteBrokerLeftRunning } from '../support/bench-infra';

const ROOT = resolve(__dirname, '../../..');
const DATABASE = 'bench_api';
const WARM_UP_REQUESTS = 40;

/** What the requests of one run draw their parameters from: ids and names that are in the store. */
interface Sample {
  /** Actors, the most mentioned first (so a draw by a skewed index favours them, as readers do). */
  actorIds: string[];
  actorNames: string[];
  articleIds: string[];
  /** First and last day with articles (UTC, `YYYY-MM-DD`). */
  firstDay: string;
  lastDay: string;
}

type Draw = { random: () => number; sample: Sample };
const pick = <T>({ random }: Draw, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Skewed towards the front (popular actors are looked at more, and are the expensive ones). */
const popular = <T>({ random }: Draw, items: readonly T[]): T => items[Math.floor(Math.pow(random(), 2) * items.length)]!;
const dayPlus = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString();
/** An instant on one of the data's days (the window's end a dashboard would ask for). */
function dataInstant(draw: Draw): string {
  const { firstDay, lastDay } = draw.sample;
  const span = (Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000 + 1;
  return dayPlus(firstDay, 1 + Math.floor(draw.random() * span));
}

/** The endpoints measured: a name and a request path drawn from the data. Adding one is one entry here. */
const ENDPOINTS: ReadonlyArray<{ name: string; path: (draw: Draw) => string }> = [
  {
    name: '/v1/actors/:id/related',
    path: (d) => `/v1/actors/${encodeURIComponent(popular(d, d.sample.actorIds))}/related?to=${dataInstant(d)}&limit=20`,
  },
  {
    name: '/v1/trends (day, 7 days)',
    path: (d) => `/v1/trends?granularity=day&to=${dataInstant(d)}&limit=20`,
  },
  {
    name: '/v1/trends (hour, 1 day)',
    path: (d) => {
      const to = dataInstant(d);
      return `/v1/trends?granularity=hour&from=${dayPlus(to.slice(0, 10), -1)}&to=${to}&limit=20`;
    },
  },
  {
    // Every generated statement is made of 16 words, so one word matches about half of the 500k
    // statements: ranking them is the worst case of search, newest first the cheap one.
    name: '/v1/statements?q= (rank)',
    path: (d) => `/v1/statements?q=${pick(d, GENERATED_WORDS)}&limit=20`,
  },
  {
    name: '/v1/statements?q= (newest)',
    path: (d) => `/v1/statements?q=${pick(d, GENERATED_WORDS)}&order=newest&limit=20`,
  },
  { name: '/v1/actors/:id', path: (d) => `/v1/actors/${encodeURIComponent(popular(d, d.sample.actorIds))}` },
  {
    name: '/v1/actors/:id/statements',
    path: (d) => `/v1/actors/${encodeURIComponent(popular(d, d.sample.actorIds))}/statements?limit=20`,
  },
  {
    name: '/v1/actors/:id/outlets',
    path: (d) => `/v1/actors/${encodeURIComponent(popular(d, d.sample.actorIds))}/outlets?limit=20`,
  },
  { name: '/v1/articles/:id', path: (d) => `/v1/articles/${encodeURIComponent(pick(d, d.sample.articleIds))}` },
  {
    name: '/v1/actors?q=',
    path: (d) => {
      // A part of a name, as typed in a search box: 4-8 characters of one word.
      const word = pick(d, pick(d, d.sample.actorNames).split(' '));
      const start = Math.floor(d.random() * Math.max(1, word.length - 4));
      return `/v1/actors?q=${encodeURIComponent(word.slice(start, start + 4 + Math.floor(d.random() * 5)))}&limit=20`;
    },
  },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The project service's write path over the events, as the projection bench drives it. */
async function load(url: string, log: LoggedAnalysis[]): Promise<number> {
  const service = loadConfig({}).kafka;
  const run = { batchSize: 500, partitions: service.partitions, concurrency: service.partitionsConcurrently };
  const dataSource = await createDataSource(url, run.concurrency + 2).initialize();
  const started = performance.now();
  let done = 0;
  try {
    await applyPartitioned(log, run, async (batch) => {
      await projectBatchAsTheService(dataSource, batch);
      done += batch.events.length;
      if (done % 10_000 < batch.events.length) console.error(`[load] ${done} articles`);
    });
    return (performance.now() - started) / 1000;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * What the project service's worker does over its ticks: packing the co-mentions (`packActorPairEntries`) and moving the sentiment hour entries into the running
 * totals, timed: part of the store's cost, not of the load's.
 */
async function workOffLedgers(url: string): Promise<void> {
  const dataSource = await createDataSource(url, 2).initialize();
  try {
    const started = performance.now();
    const packed = await packToTheEnd(dataSource);
    console.error(`[load] co-mentions: ${packed} entries packed in ${Math.round((performance.now() - started) / 100) / 10} s`);
    const totalling = performance.now();
    const moved = await totalToTheEnd(dataSource);
    console.error(
      `[load] running totals: ${moved} hour entries moved in ${Math.round((performance.now() - totalling) / 100) / 10} s`,
    );
  } finally {
    await dataSource.destroy();
  }
}

async function sampleOf(url: string): Promise<Sample> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
    const actors = await client.query<{ id: string; name: string }>(
      'SELECT id, name FROM actors ORDER BY mention_count DESC, id LIMIT 2000',
    );
    const articles = await client.query<{ id: string }>('SELECT id FROM articles ORDER BY random() LIMIT 5000');
    const [days] = (
      await client.query<{ first: string; last: string }>(
        `SELECT min(contributed_at AT TIME ZONE 'UTC')::date::text AS first, max(contributed_at AT TIME ZONE 'UTC')::date::text AS last
         FROM articles`,
      )
    ).rows;
    return {
      actorIds: actors.rows.map((r) => r.id),
      actorNames: actors.rows.map((r) => r.name),
      articleIds: articles.rows.map((r) => r.id),
      firstDay: days!.first,
      lastDay: days!.last,
    };
  } finally {
    await client.end();
  }
}

/** A kept database must hold the articles this run claims to measure. */
async function checkArticleCount(url: string, articles: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [{ count }] = (await client.query<{ count: number }>('SELECT count(*)::int AS count FROM articles')).rows;
    if (count !== articles) throw new Error(`the kept database holds ${count} articles, not --articles ${articles}`);
  } finally {
    await client.end();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * `paths.length` requests, `concurrency` at a time over as many kept-alive connections; latencies in ms. Any answer
 * but 200 fails the bench. Sent with undici's pool rather than `fetch`, whose own work per request (about 1.1 ms of
 * CPU on the two cores the api and PostgreSQL share with it) added to every latency it measured.
 */
async function measure(base: string, authorization: string, paths: readonly string[], concurrency: number): Promise<number[]> {
  const pool = new Pool(base, { connections: concurrency });
  const latencies: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < paths.length; i = next++) {
      const started = performance.now();
      const response = await pool.request({ method: 'GET', path: paths[i]!, headers: { authorization } });
      await response.body.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.statusCode !== 200) throw new Error(`${paths[i]}: HTTP ${response.statusCode}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await pool.close();
  }
  return latencies;
}

async function main(): Promise<void> {
  const articles = numberFlag('articles', 100_000);
  const requests = numberFlag('requests', 400);
  const concurrency = numberFlag('concurrency', 8);
  const reuse = process.argv.includes('--reuse');
  const keep = reuse || process.argv.includes('--keep');
  const infra = await benchInfra();
  let child: ChildProcess | undefined;
  try {
    let url: string;
    let loaded: string;
    if (reuse) {
      url = await keptBenchDatabase(DATABASE);
      await checkArticleCount(url, articles);
      loaded = 'kept from an earlier run';
    } else {
      url = await freshBenchDatabase(DATABASE);
      console.error(`[load] ${articles} generated analysed articles through the projector`);
      loaded = `loaded in ${Math.round(await load(url, analyzedLog(articles)))} s`;
    }
    await workOffLedgers(url);
    const sample = await sampleOf(url);
    const store = ApiKeyStore.connect(url, 1);
    const { key } = await issueApiKey(store, { name: 'api bench', scopes: ['read', 'subscriptions'] }).finally(() =>
      store.close(),
    );
    const authorization = `Bearer ${key}`;
    const port = await freePort();
    const logDir = join(tmpdir(), 'chronicle-bench');
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, 'api.log'));
    // BENCH_API_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to the api's node: Node refuses them in NODE_OPTIONS.
    const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/apps/api/src/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        CHRONICLE_ENV: 'test',
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        DATABASE_URL: url,
        API_PORT: String(port),
        LOG_LEVEL: 'warn',
        CHRONICLE_AUTH: 'on',
        RATE_LIMIT_READ_PER_MINUTE: '10000000',
        RATE_LIMIT_INGEST_PER_MINUTE: '10000000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const base = `http://127.0.0.1:${port}`;
    for (let waited = 0; ; waited += 100) {
      const healthy = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) break;
      if (waited > 60_000) throw new Error(`api did not become healthy (log: ${join(logDir, 'api.log')})`);
      await sleep(100);
    }
    // The process's code paths, its connection pool and the store's pages warm for every endpoint before the first is
    // measured: the first endpoint measured would otherwise pay for all of them.
    for (const [index, endpoint] of ENDPOINTS.entries()) {
      const draw: Draw = { random: seededRandom(2000 + index), sample };
      await measure(
        base,
        authorization,
        Array.from({ length: WARM_UP_REQUESTS }, () => endpoint.path(draw)),
        concurrency,
      );
    }
    const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
    const measured = ENDPOINTS.filter((endpoint) => only === undefined || endpoint.name.includes(only));
    if (measured.length === 0) throw new Error(`--only ${only ?? ''}: no endpoint's name contains it`);
    const results: Record<string, { p50: number; p95: number; p99: number; api_cpu_ms: number; postgres_cpu_ms: number }> = {};
    for (const [index, endpoint] of ENDPOINTS.entries()) {
      if (!measured.includes(endpoint)) continue;
      const draw: Draw = { random: seededRandom(1000 + index), sample };
      const paths = Array.from({ length: WARM_UP_REQUESTS + requests }, () => endpoint.path(draw));
      await measure(base, authorization, paths.slice(0, WARM_UP_REQUESTS), concurrency);
      const cpuBefore = { api: processCpuSeconds(child.pid!), postgres: infrastructureCpuSeconds().postgres };
      const latencies = (await measure(base, authorization, paths.slice(WARM_UP_REQUESTS), concurrency)).sort((a, b) => a - b);
      const ms = (n: number) => Math.round(n * 10) / 10;
      const cpuMsPerRequest = (seconds: number) => Math.round((seconds * 1000 * 100) / requests) / 100;
      results[endpoint.name] = {
        p50: ms(percentile(latencies, 50)),
        p95: ms(percentile(latencies, 95)),
        p99: ms(percentile(latencies, 99)),
        api_cpu_ms: cpuMsPerRequest(processCpuSeconds(child.pid!) - cpuBefore.api),
        postgres_cpu_ms: cpuMsPerRequest(infrastructureCpuSeconds().postgres - cpuBefore.postgres),
      };
    }
    console.error(`\n${articles} articles (${loaded}), ${requests} requests per endpoint, ${concurrency} at a time\n`);
    const columns = ['p50 ms', 'p95 ms', 'p99 ms', 'api CPU ms', 'PG CPU ms'];
    console.error(`${'endpoint'.padEnd(32)} ${columns.map((c) => c.padStart(10)).join(' ')}`);
    for (const [name, r] of Object.entries(results)) {
      const cells = [r.p50, r.p95, r.p99, r.api_cpu_ms, r.postgres_cpu_ms].map((n) => String(n).padStart(10));
      console.error(`${name.padEnd(32)} ${cells.join(' ')}`);
    }
    console.log(JSON.stringify(results));
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    if (!keep) await dropBenchDatabase(DATABASE);
    noteBrokerLeftRunning(infra);
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
