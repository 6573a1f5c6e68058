/**
 * `npm run bench -- alerts [--seconds N] [--rates 20,200]`: latency from `POST /v1/articles` to
 * webhook receipt through the full pipeline (ingest → Kafka → enrich → Kafka → alert → Postgres →
 * signed webhook), with project and api running too, on the cluster in `KAFKA_BROKERS` (else the
 * local broker, brought up as `chronicle infra up` does) and a fresh PostgreSQL database. Each
 * article carries a new quote by the subscribed actor, so each must raise exactly one alert.
 * Drives each rate for a fixed time, then prints one JSON line with p50/p99/max per rate and the
 * achieved throughput. Loopback only; bounded in count and time.
 */
import { createDataSource } from '@chronicle/persistence';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PipelineStack } from '../support/pipeline-stack';
import { QUOTED_ACTOR, quotedArticle } from '../support/quoted-articles';
import { percentile, round, sleep, until } from '../support/timing';
import { WebhookReceiver } from '../support/webhook-receiver';

const MAX_ARTICLES_PER_RATE = 5000;
const DRAIN_TIMEOUT_MS = 60_000;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

async function main(): Promise<void> {
  const seconds = Number(option('seconds', '15'));
  const rates = option('rates', '20,200').split(',').map(Number);
  const stack = await PipelineStack.start({ name: 'alerts' });
  const receiver = new WebhookReceiver();
  const { received } = receiver;
  const idPrefix = `alerts-bench-${stack.runTag}`;
  try {
    await stack.subscribe(QUOTED_ACTOR, await receiver.listen());

    let next = 0;
    const post = (i: number): Promise<void> => stack.submit(quotedArticle(i, idPrefix));

    // Warm-up: consumer groups joined, JIT warm, connections open.
    const warm = Array.from({ length: 10 }, () => next++);
    await Promise.all(warm.map((i) => post(i)));
    await until(() => warm.every((i) => received.has(quotedArticle(i, idPrefix).id)), 120_000, 'warm-up webhooks');

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
        const id = quotedArticle(i, idPrefix).id;
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
    const summary = await createDataSource(stack.databaseUrl, 1).initialize();
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
        duplicatesWebhooks: receiver.duplicates,
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
    receiver.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`alerts bench: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
