/**
 * `npm run bench -- feeds [--sources 1000] [--entries 10] [--concurrency 64]`: polls every source
 * once through the feeds service's real poll path (claim in Postgres, polite fetch, parse, page
 * text for summary-only entries, publish to Kafka through ingest's path, entries and poll recorded
 * in Postgres) and prints polls/s and CPU time per poll, one JSON line on stdout and a table on stderr.
 *
 * The sites run in a child process (their CPU is not counted) on one loopback address. The host
 * gate is the one thing configured for the bench: no spacing and 64 requests in flight per host,
 * because with the production gate (1 s between requests to a host) 1,000 sources on one host
 * would measure the spacing, not the work. Politeness is a wait, not CPU; what this measures is
 * what one poll costs.
 */
import { CHRONICLE_CONFIG, ChronicleConfig, loadConfig } from '@chronicle/config';
import { WebhookTargetPolicy } from '@chronicle/domain';
import { createKafka, deletePrefixedTopics } from '@chronicle/kafka';
import { Test } from '@nestjs/testing';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { HostGate } from '../../apps/feeds/src/fetching/host-gate';
import { PoliteFetcher } from '../../apps/feeds/src/fetching/polite-fetcher';
import { FeedsModule } from '../../apps/feeds/src/feeds.module';
import { politeFetcherConfig } from '../../apps/feeds/src/polling/polling.module';
import { FeedSourceRepository } from '../../apps/feeds/src/sources/feed-source.repository';
import { dropBenchDatabase, freshBenchDatabase } from '../support/bench-database';
import { numberFlag } from '../support/bench-flags';
import { benchInfra, noteBrokerLeftRunning } from '../support/bench-infra';
import { benchFeedPath } from './bench-feed-site';

const DATABASE = 'chronicle_bench_feeds';
const POLL_TIMEOUT_MS = 10 * 60_000;

async function startSites(sources: number, entries: number) {
  const child = spawn(process.execPath, [join(__dirname, 'bench-feed-site.js'), String(sources), String(entries)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`feed site exited with ${code}`)));
  });
  const { port, pages } = JSON.parse(line) as { port: number; pages: number };
  return { child, origin: `http://127.0.0.1:${port}`, pages };
}

async function main(): Promise<void> {
  const sources = numberFlag('sources', 1000);
  const entries = numberFlag('entries', 10);
  const concurrency = numberFlag('concurrency', 64);
  const infra = await benchInfra();
  const databaseUrl = await freshBenchDatabase(DATABASE);
  const topicPrefix = `bench-feeds-${randomUUID().slice(0, 8)}.`;
  const sites = await startSites(sources, entries);
  Object.assign(process.env, {
    CHRONICLE_ENV: 'test',
    CHRONICLE_AUTH: 'off',
    LOG_LEVEL: 'error',
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    DATABASE_URL: databaseUrl,
    FEEDS_ALLOWED_HOSTS: '127.0.0.1',
    FEEDS_POLL_CONCURRENCY: String(concurrency),
    // Each source once: the next poll is an hour away.
    FEEDS_MIN_INTERVAL_SECONDS: '3600',
    FEEDS_MAX_INTERVAL_SECONDS: '3600',
  });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const repository = new FeedSourceRepository({
    query: async <T>(sql: string, params?: unknown[]): Promise<T> => (await db.query(sql, params)).rows as T,
  });
  await repository.add(
    Array.from({ length: sources }, (_, n) => ({
      id: randomUUID(),
      url: `${sites.origin}${benchFeedPath(n).path}`,
      outlet: null,
      intervalSeconds: 3600,
    })),
  );
  // Not due until the service is up, so start-up is not measured.
  await db.query(`UPDATE feed_sources SET next_poll_at = now() + interval '1 day'`);
  const app = await Test.createTestingModule({ imports: [FeedsModule] })
    .overrideProvider(PoliteFetcher)
    .useFactory({
      inject: [CHRONICLE_CONFIG],
      factory: (config: ChronicleConfig) =>
        new PoliteFetcher(
          politeFetcherConfig(config),
          new WebhookTargetPolicy(config.feeds.allowedTargets, 'FEEDS_ALLOWED_HOSTS'),
          new HostGate({ maxConcurrentPerHost: concurrency, minIntervalMs: 0, maxTrackedHosts: 16 }),
        ),
    })
    .compile();
  app.useLogger(['error']);
  await app.init();
  try {
    const cpuBefore = process.cpuUsage();
    const startMs = performance.now();
    await db.query('UPDATE feed_sources SET next_poll_at = now()');
    for (;;) {
      const [row] = (await db.query(`SELECT count(*) FILTER (WHERE last_polled_at IS NULL) AS waiting FROM feed_sources`))
        .rows as Array<{ waiting: string }>;
      if (Number(row!.waiting) === 0) break;
      if (performance.now() - startMs > POLL_TIMEOUT_MS) throw new Error(`${row!.waiting} sources still unpolled after 10 min`);
      await new Promise((done) => setTimeout(done, 100));
    }
    const wallMs = performance.now() - startMs;
    const cpu = process.cpuUsage(cpuBefore);
    const [outcome] = (
      await db.query(
        `SELECT count(*) FILTER (WHERE status = 'active') AS active, sum(entries_seen) AS articles, sum(entry_problems) AS problems,
                (SELECT count(*) FROM feed_entries_seen) AS seen_rows FROM feed_sources`,
      )
    ).rows as Array<{ active: string; articles: string; problems: string; seen_rows: string }>;
    const cpuMsPerPoll = (cpu.user + cpu.system) / 1000 / sources;
    const result = {
      bench: 'feeds',
      sources,
      entriesPerFeed: entries,
      pageFetches: sites.pages,
      concurrency,
      activeAfter: Number(outcome!.active),
      articlesPublished: Number(outcome!.articles),
      entryProblems: Number(outcome!.problems),
      entriesSeenRows: Number(outcome!.seen_rows),
      wallSeconds: Number((wallMs / 1000).toFixed(2)),
      pollsPerSecond: Number((sources / (wallMs / 1000)).toFixed(1)),
      cpuMsPerPoll: Number(cpuMsPerPoll.toFixed(2)),
      cpuUserMs: Math.round(cpu.user / 1000),
      cpuSystemMs: Math.round(cpu.system / 1000),
      node: process.version,
    };
    console.log(JSON.stringify(result));
    console.error(
      [
        '',
        `feeds bench: ${sources} sources x ${entries} entries, ${sites.pages} summary-only pages, ${concurrency} polls at once`,
        `  polls/s            ${result.pollsPerSecond}`,
        `  CPU ms per poll    ${result.cpuMsPerPoll} (user ${result.cpuUserMs} ms, system ${result.cpuSystemMs} ms in all)`,
        `  wall time          ${result.wallSeconds} s`,
        `  articles published ${result.articlesPublished} (${result.entryProblems} entry problems), ${result.activeAfter}/${sources} sources active`,
      ].join('\n'),
    );
    if (result.activeAfter !== sources || result.articlesPublished !== sources * entries)
      throw new Error('not every source was polled cleanly: the figures above are not a clean run');
  } finally {
    await app.close();
    await db.end();
    sites.child.kill('SIGTERM');
    await dropBenchDatabase(DATABASE).catch(() => undefined);
    const kafka = loadConfig({
      CHRONICLE_ENV: 'test',
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
    }).kafka;
    await deletePrefixedTopics(createKafka(kafka, 'bench-feeds'), kafka).catch(() => undefined);
    noteBrokerLeftRunning(infra);
  }
}

main().catch((error: unknown) => {
  console.error(`feeds bench: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
