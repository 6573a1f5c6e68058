/**
 * `npm run bench -- pipeline [--rates 25,50,100,200,400] [--seconds 30] [--warmup 10]
 * [--replicas enrich=2,project=2] [--partitions 12] [--cpu-prof]`: the whole road, ingest →
 * enrich → project → alert → webhook, each service a separate process as in production, on real
 * Kafka (`KAFKA_BROKERS`, else the local broker) and a fresh PostgreSQL database.
 *
 * After a warm-up that is not counted, it offers each rate in turn for `--seconds`, every article
 * carrying a new quote by a subscribed actor (one webhook each), and measures:
 * - latency from POST to the webhook (every article) and from POST to the analysis being visible
 *   through `GET /v1/articles/:id` (about four sampled articles a second);
 * - every consumer group's lag, read from the broker (end offsets minus committed offsets) once a
 *   second, independently of the services' own metrics; a rate is *bounded* when
 *   the total lag at the end of its step is at most two seconds' worth of events;
 * - per stage: CPU time per article (its processes' user + system time, PostgreSQL's and the
 *   broker's included), mean batch size, and p50/p99 of the time each event waited and was
 *   handled at that stage (from the services' `chronicle_event_age_seconds` histograms).
 * Replicas of enrich split the cores' analysis threads between them (`ENRICH_ANALYSIS_THREADS`, in the JSON as
 * `enrichAnalysisThreads`), as replicas sharing one host would be configured.
 * Stops stepping after the first unbounded rate. Prints one JSON line on stdout and tables on stderr. The JSON's
 * `machine` includes a yardstick taken first: the extractor's words per second over a fixed corpus on one thread and
 * on one thread per core at once, so runs on machines (or at moments) of different speed can be told apart; and
 * `postgresRoundTripsPerSecond`, `SELECT 1` on one connection with the services idle, for what system calls and
 * process switches cost there, which the extractor's yardstick does not show.
 */
import { Console } from 'node:console';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { machineYardstick, postgresRoundTripsPerSecond } from '../support/machine-speed';
import { PipelineService, PipelineStack } from '../support/pipeline-stack';
import { postgresSettings } from '../support/postgres-settings';
import { QUOTED_ACTOR, quotedArticle } from '../support/quoted-articles';
import { percentile, round, sleep, until } from '../support/timing';
import { WebhookReceiver } from '../support/webhook-receiver';
import { CONSUMER_STAGES, STAGES, stageFigures, StageProbe } from './stage-probe';

const { values: flags } = parseArgs({
  options: {
    rates: { type: 'string', default: '25,50,100,200,400' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '10' },
    replicas: { type: 'string', default: '' },
    partitions: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const rates = flags.rates.split(',').map(Number);
const seconds = Number(flags.seconds);
const warmupSeconds = Number(flags.warmup);
const replicas = Object.fromEntries(
  flags.replicas
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const [service, count] = entry.split('=');
      return [service, Number(count)];
    }),
) as Partial<Record<PipelineService, number>>;
const partitions = flags.partitions ? Number(flags.partitions) : undefined;
/**
 * Analysis threads per enrich replica: the replicas share this machine's cores, as they would on one host, instead of
 * each starting one thread per core (the service's default, meant for one replica per host).
 */
const enrichThreadsPerReplica = Math.max(1, Math.floor(cpus().length / (replicas.enrich ?? 1)));
if (rates.some((rate) => !(rate > 0)) || !(seconds > 0) || !(warmupSeconds >= 0)) {
  throw new Error('--rates takes positive numbers, --seconds a positive number, --warmup a number ≥ 0');
}
/** Events each article puts on the consumers' topics: enrich 1, project 2 (submitted, analysed), alert 1. */
const EVENTS_PER_ARTICLE = 4;
const DRAIN_TIMEOUT_MS = 90_000;
const VISIBILITY_SAMPLES_PER_SECOND = 4;
/** At most this many sampled articles awaited at once; beyond it, samples are skipped. */
const MAX_WATCHED = 20;
/** Tables go to stderr, keeping stdout for the JSON line. */
const tables = new Console(process.stderr);

interface Step {
  rate: number;
  sent: number;
  postErrors: number;
  postsPerSecond: number;
  /** Time for ingest to answer 202 (validation, sanitising and the broker's acknowledgement). */
  acceptMs: { p50: number; p99: number };
  deliveredPerSecond: number;
  missingWebhooks: number;
  webhookMs: { p50: number; p99: number; max: number };
  visibleMs: { p50: number; p99: number; samples: number };
  lag: { atQuarter: number; atHalf: number; atEnd: number; max: number };
  bounded: boolean;
  driverCpuMsPerArticle: number;
  stages: ReturnType<typeof stageFigures>;
}

async function main(): Promise<void> {
  const profileDir = join(tmpdir(), 'chronicle-bench', `pipeline-profiles-${Date.now()}`);
  // Measured before the services start, on an otherwise idle machine if it is one.
  const yardstick = await machineYardstick();
  console.error(
    `[pipeline] machine yardstick: the extractor runs ${yardstick.oneThread.toLocaleString('en-US')} words/s on one thread, ` +
      `${yardstick.allCores.toLocaleString('en-US')} on ${yardstick.cores} at once`,
  );
  const stack = await PipelineStack.start({
    name: 'pipeline',
    replicas,
    partitions,
    env: { ENRICH_ANALYSIS_THREADS: String(enrichThreadsPerReplica) },
    nodeFlags: flags['cpu-prof']
      ? (service, replica) => ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, `${service}-${replica}`)}`]
      : undefined,
  });
  const postgres = await postgresSettings(stack.databaseUrl);
  // Before any load: with the services idle, what one statement's round trip costs on this machine.
  const roundTrips = await postgresRoundTripsPerSecond(stack.databaseUrl);
  console.error(
    `[pipeline] PostgreSQL: ${Object.entries(postgres)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ')}; ${roundTrips.toLocaleString('en-US')} round trips/s of SELECT 1 on one connection`,
  );
  const receiver = new WebhookReceiver();
  const probe = new StageProbe(stack);
  const lagProbe = stack.lagProbe();
  const idPrefix = `pipeline-bench-${stack.runTag}`;
  const api = stack.url('api');
  let next = 0;

  let watching = 0;
  /**
   * When the article's analysis first shows through the API (performance.now()): polled every
   * 25 ms for its first 250 ms, then every tenth of the time since the POST, at most every 250 ms.
   * The resolution is the interval, so within 10 % of the latency measured. Polling every 25 ms for
   * a whole second made up to 160 requests a second at 200/s (four articles a second, 40 polls
   * each), load on the api and PostgreSQL that the bench then measured as the pipeline's.
   */
  const visibleAt = async (id: string, sentAt: number): Promise<number | undefined> => {
    watching += 1;
    try {
      while (performance.now() < sentAt + DRAIN_TIMEOUT_MS) {
        const analyzed = await request(`${api}/v1/articles/${encodeURIComponent(id)}`, {
          headers: { authorization: stack.authorization },
        })
          .then(async ({ statusCode, body }) => {
            if (statusCode !== 200) return body.dump().then(() => false);
            return ((await body.json()) as { analyzedAt: string | null }).analyzedAt !== null;
          })
          .catch(() => false);
        if (analyzed) return performance.now();
        await sleep(Math.min(250, Math.max(25, (performance.now() - sentAt) / 10)));
      }
      return undefined;
    } finally {
      watching -= 1;
    }
  };

  /** Offers `rate` articles/s for `duration` s; returns what was sent and when, and the lag seen each second. */
  const offer = async (rate: number, duration: number) => {
    const count = Math.round(rate * duration);
    const sent = new Map<string, number>();
    const visibility: Array<Promise<number | undefined>> = [];
    const visibilityIds: string[] = [];
    const posts: Array<Promise<void>> = [];
    const lags: number[] = [];
    const postMs: number[] = [];
    let postErrors = 0;
    let sampling = true;
    const lagSampler = (async () => {
      while (sampling) {
        const lag = await lagProbe.lags().catch(() => undefined);
        if (lag) lags.push(CONSUMER_STAGES.reduce((total, stage) => total + lag[stage], 0));
        await sleep(1000);
      }
    })();
    const sampleEvery = Math.max(1, Math.round(rate / VISIBILITY_SAMPLES_PER_SECOND));
    const start = performance.now();
    for (let k = 0; k < count; k += 1) {
      const wait = start + (k * 1000) / rate - performance.now();
      if (wait > 1) await sleep(wait);
      const article = quotedArticle(next++, idPrefix);
      sent.set(article.id, performance.now());
      const postedAt = performance.now();
      const post = stack.submit(article).then(
        () => {
          postMs.push(performance.now() - postedAt);
        },
        () => {
          postErrors += 1;
        },
      );
      posts.push(post);
      if (k % sampleEvery === 0 && watching < MAX_WATCHED) {
        const sentAt = sent.get(article.id)!;
        visibilityIds.push(article.id);
        visibility.push(post.then(() => visibleAt(article.id, sentAt)));
      }
    }
    const sendSeconds = (performance.now() - start) / 1000;
    sampling = false;
    await lagSampler;
    await Promise.all(posts);
    return { count, sent, sendSeconds, postErrors, postMs: postMs.sort((a, b) => a - b), lags, start, visibility, visibilityIds };
  };

  const drain = async (sent: Map<string, number>) => {
    await until(() => [...sent.keys()].every((id) => receiver.received.has(id)), DRAIN_TIMEOUT_MS, 'webhooks').catch(
      () => undefined,
    );
  };

  try {
    await stack.subscribe(QUOTED_ACTOR, await receiver.listen());
    console.error(`[pipeline] services up (logs in ${stack.logDir}); warming up ${warmupSeconds} s at ${rates[0]}/s`);
    if (warmupSeconds > 0) {
      const warm = await offer(rates[0]!, warmupSeconds);
      await drain(warm.sent);
      await Promise.all(warm.visibility);
    }
    const steps: Step[] = [];
    for (const rate of rates) {
      console.error(`[pipeline] ${rate}/s for ${seconds} s`);
      const before = await probe.snapshot();
      const driverBefore = process.cpuUsage();
      const run = await offer(rate, seconds);
      const sendEnd = performance.now();
      await drain(run.sent);
      const visibleTimes = await Promise.all(run.visibility);
      const after = await probe.snapshot();
      const driver = process.cpuUsage(driverBefore);
      const latencies = [...run.sent]
        .filter(([id]) => receiver.received.has(id))
        .map(([id, at]) => receiver.received.get(id)! - at)
        .sort((a, b) => a - b);
      const visible = visibleTimes
        .map((at, i) => (at === undefined ? undefined : at - run.sent.get(run.visibilityIds[i]!)!))
        .filter((ms): ms is number => ms !== undefined)
        .sort((a, b) => a - b);
      const deliveredInStep = [...run.sent.keys()].filter((id) => (receiver.received.get(id) ?? Infinity) <= sendEnd).length;
      const lagAt = (fraction: number) => run.lags[Math.min(run.lags.length - 1, Math.floor(fraction * run.lags.length))] ?? NaN;
      const lagAtEnd = lagAt(1);
      const step: Step = {
        rate,
        sent: run.count,
        postErrors: run.postErrors,
        postsPerSecond: round(run.count / run.sendSeconds),
        acceptMs: { p50: round(percentile(run.postMs, 50)), p99: round(percentile(run.postMs, 99)) },
        deliveredPerSecond: round(deliveredInStep / run.sendSeconds),
        missingWebhooks: run.count - latencies.length,
        webhookMs: {
          p50: round(percentile(latencies, 50)),
          p99: round(percentile(latencies, 99)),
          max: round(latencies.at(-1) ?? NaN),
        },
        visibleMs: { p50: round(percentile(visible, 50)), p99: round(percentile(visible, 99)), samples: visible.length },
        lag: { atQuarter: lagAt(0.25), atHalf: lagAt(0.5), atEnd: lagAtEnd, max: Math.max(...run.lags) },
        bounded: run.postErrors === 0 && lagAtEnd <= Math.max(50, 2 * rate * EVENTS_PER_ARTICLE),
        driverCpuMsPerArticle: round((driver.user + driver.system) / 1000 / run.count),
        stages: stageFigures(before, after, run.count),
      };
      steps.push(step);
      printStep(step);
      if (!step.bounded) break;
      await sleep(2000);
    }
    const bounded = steps.filter((step) => step.bounded);
    console.log(
      JSON.stringify({
        bench: 'pipeline',
        seconds,
        warmupSeconds,
        replicas: Object.fromEntries(
          (['ingest', 'enrich', 'project', 'alert', 'api'] as const).map((s) => [s, replicas[s] ?? 1]),
        ),
        partitions: partitions ?? 6,
        enrichAnalysisThreads: enrichThreadsPerReplica,
        maxBoundedRate: bounded.length ? Math.max(...bounded.map((step) => step.rate)) : 0,
        duplicateWebhooks: receiver.duplicates,
        profiles: flags['cpu-prof'] ? profileDir : undefined,
        machine: {
          cpus: cpus().length,
          node: process.version,
          loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
          extractorWordsPerSecond: yardstick,
          postgres,
          postgresRoundTripsPerSecond: roundTrips,
        },
        steps,
      }),
    );
  } finally {
    receiver.close();
    await lagProbe.close();
    await stack.stop();
    if (flags['cpu-prof']) console.error(`[pipeline] CPU profiles in ${profileDir}`);
  }
}

function printStep(step: Step): void {
  console.error(
    `[pipeline] ${step.rate}/s: posted ${step.postsPerSecond}/s (202 p50/p99 ${step.acceptMs.p50}/${step.acceptMs.p99} ms), delivered ${step.deliveredPerSecond}/s during the step, ` +
      `webhook p50/p99 ${step.webhookMs.p50}/${step.webhookMs.p99} ms, visible p50/p99 ${step.visibleMs.p50}/${step.visibleMs.p99} ms, ` +
      `lag ¼ ½ end ${step.lag.atQuarter} ${step.lag.atHalf} ${step.lag.atEnd} → ${step.bounded ? 'bounded' : 'NOT bounded'}`,
  );
  tables.table(
    Object.fromEntries(
      STAGES.map((stage) => {
        const figures = step.stages[stage];
        return [
          stage,
          {
            'CPU ms/article': figures.cpuMsPerArticle,
            'batch (mean)': figures.meanBatchSize ?? '',
            'ms/batch': figures.meanBatchMs ?? '',
            'p50 ms': figures.stageLatencyMs?.p50 ?? '',
            'p99 ms': figures.stageLatencyMs?.p99 ?? '',
          },
        ];
      }),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(`pipeline bench: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
