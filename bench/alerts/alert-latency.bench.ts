/**
 * `npm run bench -- alerts [--seconds N] [--rates 20,200]`: latency from `POST /v1/articles` to
 * webhook receipt through the full pipeline (ingest → Kafka → enrich → Kafka → alert → Postgres →
 * signed webhook), with project and api running too, on the cluster in `KAFKA_BROKERS` (else the
 * local broker, brought up as `chronicle infra up` does) and a fresh PostgreSQL database. Each
 * article carries a new quote by the subscribed actor, so each must raise exactly one alert.
 * Drives each rate for a fixed time, then prints one JSON line with p50/p99/max per rate and the
 * achieved throughput. Loopback only; bounded in count and time.
 */
import { loadConfig } from '@chronicle/config';
import { createKafka, deletePrefixedTopics } from '@chronicle/kafka';
import { ApiKeyStore, createDataSource, issueApiKey, runMigrations } from '@chronicle/persistence';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PostgresDatabase } from '../../apps/cli/src/infra/postgres-database';
import { benchInfra, noteBrokerLeftRunning } from '../support/bench-infra';
import { newsArticle } from '../support/news-corpus';

const ROOT = resolve(__dirname, '../../..');
const SERVICES = ['ingest', 'enrich', 'project', 'alert', 'api'] as const;
type Service = (typeof SERVICES)[number];
const PORT_VARIABLE: Record<Service, string> = {
  ingest: 'INGEST_PORT',
  enrich: 'ENRICH_PORT',
  project: 'PROJECT_PORT',
  alert: 'ALERT_PORT',
  api: 'API_PORT',
};
const MAX_ARTICLES_PER_RATE = 5000;
const DRAIN_TIMEOUT_MS = 60_000;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** A seeded PRNG (mulberry32): the same quotes every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = (
  'harbour copper violet lantern marble orbit folds bridges river meadow signal pension tariff ferry granite budget canal orchard ' +
  'winter summit thunder railway library festival harvest glacier compass mirror anchor beacon canyon cedar circuit cobalt ' +
  'desert ember falcon forest galaxy garden harbor island jasmine juniper kettle ladder lagoon lemon lighthouse magnet maple ' +
  'meteor mountain nectar needle ocean olive opal paddle palace pepper pillar planet prairie quartz quiver rainbow raven ' +
  'ribbon saddle sapphire scarlet shadow silver sparrow spiral spruce statue storm sunrise tiger timber tunnel valley velvet ' +
  'village volcano walnut willow window zephyr amber arrow basket blossom breeze candle carpet castle cherry cloud coral ' +
  'cotton crystal dolphin dragon eagle feather fountain glove hammer helmet honey jacket jewel kingdom lantern lotus marble ' +
  'meadow mint moss nest orbit otter pebble pearl pine pocket puzzle rocket rose salmon shell spider stone sugar thistle'
).split(' ');

/** Article `i`: a realistic wire story plus a quote by the subscribed minister no one has said before. */
function benchArticle(i: number, runTag: string): { id: string; url: string; outlet: string; title: string; body: string } {
  const random = prng(i * 7919 + 17);
  const words = Array.from({ length: 14 }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!);
  words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
  const background = newsArticle(i);
  const id = `alerts-bench-${runTag}-${i}`;
  return {
    id,
    url: `https://wire.example/${id}`,
    outlet: ['Wire One', 'Daily Two', 'Courier Three'][i % 3]!,
    title: background.title,
    body: `OSLO (Wire) — Defence Minister Ingrid Solberg spoke to reporters on Monday.\n"${words.join(' ')} ${i}," Solberg said.\n${background.body}`,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const seconds = Number(option('seconds', '15'));
  const rates = option('rates', '20,200').split(',').map(Number);
  const infra = await benchInfra();
  const brokers = infra.kafkaBrokers.join(',');
  const runTag = randomBytes(3).toString('hex');
  const topicPrefix = `bench-alerts-${runTag}-`;
  const database = new PostgresDatabase(infra.databaseUrl);
  const databaseUrl = await database.createDatabase(`t_bench_alerts_${runTag}`);
  const children: ChildProcess[] = [];
  const logDir = join(tmpdir(), 'chronicle-bench', `alerts-${runTag}`);
  mkdirSync(logDir, { recursive: true });
  const received = new Map<string, number>();
  let duplicates = 0;
  const receiver: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const at = performance.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { article: { id: string } };
      if (received.has(body.article.id)) duplicates += 1;
      else received.set(body.article.id, at);
      response.writeHead(204).end();
    });
  });
  try {
    await runMigrations(databaseUrl);
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const env: Record<string, string> = {
      CHRONICLE_ENV: 'test',
      KAFKA_BROKERS: brokers,
      DATABASE_URL: databaseUrl,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: 'warn',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      // Auth on, as in production; the limits out of the way, since this measures the pipeline.
      CHRONICLE_AUTH: 'on',
      RATE_LIMIT_INGEST_PER_MINUTE: '10000000',
      RATE_LIMIT_READ_PER_MINUTE: '10000000',
    };
    const keyStore = ApiKeyStore.connect(databaseUrl, 1);
    const { key } = await issueApiKey(keyStore, { name: 'alert latency bench', scopes: ['ingest', 'subscriptions'] }).finally(() =>
      keyStore.close(),
    );
    const authorization = `Bearer ${key}`;
    const urls: Partial<Record<Service, string>> = {};
    for (const service of SERVICES) {
      const port = await freePort();
      const log = createWriteStream(join(logDir, `${service}.log`));
      const child = spawn(process.execPath, [join(ROOT, 'dist/apps', service, 'src/main.js')], {
        cwd: ROOT,
        env: { ...process.env, ...env, [PORT_VARIABLE[service]]: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
      children.push(child);
      urls[service] = `http://127.0.0.1:${port}`;
    }
    for (const service of SERVICES) {
      await until(async () => (await fetch(`${urls[service]}/health`)).ok, 90_000, `${service} health (logs in ${logDir})`);
    }
    const subscription = await fetch(`${urls.api}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ actors: ['Ingrid Solberg'], webhookUrl }),
    });
    if (subscription.status !== 201) throw new Error(`subscription: HTTP ${subscription.status} ${await subscription.text()}`);

    let next = 0;
    const post = async (i: number): Promise<number> => {
      const sentAt = performance.now();
      const response = await fetch(`${urls.ingest}/v1/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(benchArticle(i, runTag)),
      });
      await response.arrayBuffer();
      if (response.status !== 202) throw new Error(`ingest: HTTP ${response.status}`);
      return sentAt;
    };

    // Warm-up: consumer groups joined, JIT warm, connections open.
    const warm = Array.from({ length: 10 }, () => next++);
    await Promise.all(warm.map((i) => post(i)));
    await until(() => warm.every((i) => received.has(benchArticle(i, runTag).id)), 120_000, 'warm-up webhooks');

    const results = [];
    for (const rate of rates) {
      const count = Math.min(MAX_ARTICLES_PER_RATE, Math.round(rate * seconds));
      const sent = new Map<string, number>();
      const pending: Array<Promise<void>> = [];
      let errors = 0;
      const start = performance.now();
      for (let k = 0; k < count; k += 1) {
        const due = start + (k * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        const i = next++;
        const id = benchArticle(i, runTag).id;
        sent.set(id, performance.now());
        pending.push(
          post(i).then(
            () => undefined,
            () => {
              errors += 1;
            },
          ),
        );
      }
      const sendSeconds = (performance.now() - start) / 1000;
      await Promise.all(pending);
      const drainStart = performance.now();
      await until(() => [...sent.keys()].every((id) => received.has(id)), DRAIN_TIMEOUT_MS, `${rate}/s webhooks`).catch(
        () => undefined,
      );
      const lastReceipt = Math.max(...[...sent.keys()].map((id) => received.get(id) ?? 0));
      const latencies = [...sent]
        .filter(([id]) => received.has(id))
        .map(([id, at]) => received.get(id)! - at)
        .sort((a, b) => a - b);
      results.push({
        targetPerSecond: rate,
        sent: count,
        postErrors: errors,
        delivered: latencies.length,
        missing: count - latencies.length,
        sendRatePerSecond: round(count / sendSeconds),
        /** Alerts delivered per second over the whole run, first POST to last webhook. */
        deliveredPerSecond: round(latencies.length / ((lastReceipt - start) / 1000)),
        drainMs: Math.round(performance.now() - drainStart),
        latencyMs: {
          p50: round(percentile(latencies, 50)),
          p99: round(percentile(latencies, 99)),
          max: round(latencies[latencies.length - 1] ?? NaN),
        },
      });
      await sleep(2000);
    }
    const summary = await createDataSource(databaseUrl, 1).initialize();
    const [counts] = await summary.query(
      `SELECT (SELECT count(*)::int FROM alerts) AS alerts, (SELECT count(*)::int FROM alerts WHERE status = 'delivered') AS delivered,
              (SELECT count(*)::int FROM novelty_clusters) AS clusters`,
    );
    await summary.destroy();
    console.log(
      JSON.stringify({
        bench: 'alerts',
        seconds,
        pipeline: 'ingest→enrich→alert (+project, api), 1 replica each, real Kafka + PostgreSQL',
        partitions: 6,
        duplicatesWebhooks: duplicates,
        store: counts,
        machine: {
          cpus: (await import('node:os')).cpus().length,
          node: process.version,
          loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
        },
        results,
      }),
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode !== null ? undefined : new Promise((r) => child.once('exit', r)))));
    receiver.close();
    await database.dropDatabase(new PostgresDatabase(databaseUrl).name).catch(() => undefined);
    const kafka = loadConfig({ CHRONICLE_ENV: 'test', KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: topicPrefix }).kafka;
    await deletePrefixedTopics(createKafka(kafka, 'bench-alerts'), kafka).catch(() => undefined);
    noteBrokerLeftRunning(infra);
  }
}

main().catch((error: unknown) => {
  console.error(`alerts bench: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
