import { analyzeArticle } from '@chronicle/nlp';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { newsArticle, wordCount } from './news-corpus';

/** Articles of the yardstick: the nlp bench's generated corpus, the same ones on every machine. */
const YARDSTICK_ARTICLES = 1_500;

/**
 * The extractor's words per second over the yardstick corpus on this thread: the faster of two passes after a
 * warm-up pass (the slower one was more often disturbed by other work than slowed by the code).
 */
function extractorWordsPerSecond(): number {
  const articles = Array.from({ length: YARDSTICK_ARTICLES }, (_, i) => newsArticle(i));
  const words = articles.reduce((sum, article) => sum + wordCount(article.body), 0);
  for (const article of articles) analyzeArticle(article);
  let best = 0;
  for (let pass = 0; pass < 2; pass++) {
    const started = performance.now();
    for (const article of articles) analyzeArticle(article);
    best = Math.max(best, words / ((performance.now() - started) / 1000));
  }
  return Math.round(best);
}

if (!isMainThread && workerData === 'machine-yardstick') parentPort!.postMessage(extractorWordsPerSecond());

function onWorkers(count: number): Promise<number[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(__filename, { workerData: 'machine-yardstick' });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
}

/** How fast this machine is right now: the extractor's words per second on one thread, and summed over one per core. */
export interface MachineYardstick {
  oneThread: number;
  allCores: number;
  cores: number;
}

/**
 * Benches run on machines of one kind whose speed still differs between sessions (and within one, as other work
 * loads it); nor do two cores always do twice the work of one. So a run's figures are read against this yardstick,
 * taken before the services start: the extractor over a fixed generated corpus, alone on one worker thread, then on
 * one worker thread per core at once (their sum).
 */
export async function machineYardstick(): Promise<MachineYardstick> {
  const [oneThread] = await onWorkers(1);
  const all = await onWorkers(cpus().length);
  return { oneThread: oneThread!, allCores: all.reduce((sum, n) => sum + n, 0), cores: cpus().length };
}

/** How long the round-trip yardstick runs, after a warm-up of as many round trips as it first does in a tenth of it. */
const ROUND_TRIP_MS = 2_000;

/**
 * Round trips per second of `SELECT 1` on one connection to the server behind `url`: the cost of a system call, a
 * loopback packet and a process switch, which the pipeline pays per statement, produce and fetch and which the
 * extractor's yardstick does not see. Two machines of one kind with the same extractor speed have differed by half in
 * the pipeline's capacity (README, Performance); this tells them apart.
 */
export async function postgresRoundTripsPerSecond(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const warmUntil = performance.now() + ROUND_TRIP_MS / 10;
    while (performance.now() < warmUntil) await client.query('SELECT 1');
    let count = 0;
    const started = performance.now();
    while (performance.now() - started < ROUND_TRIP_MS) {
      await client.query('SELECT 1');
      count += 1;
    }
    return Math.round(count / ((performance.now() - started) / 1000));
  } finally {
    await client.end();
  }
}
