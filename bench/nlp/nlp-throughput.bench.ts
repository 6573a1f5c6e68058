/**
 * `npm run bench -- nlp [--mb N]`: words per second through `chronicle analyze --ndjson --no-sentiment-encoder` (the
 * extractor) on one process, against compromise alone on the same text (the baseline), and the analyzer's resident
 * memory over the stream; then the same with the sentiment encoder stage on the first articles. Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { newsArticle, wordCount } from '../support/news-corpus';

const ROOT = resolve(__dirname, '../../..');

function corpus(targetBytes: number): { lines: string[]; words: number; bytes: number } {
  const lines: string[] = [];
  let words = 0;
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i += 1) {
    const article = newsArticle(i);
    const line = JSON.stringify(article);
    lines.push(line);
    words += wordCount(article.body);
    bytes += line.length + 1;
  }
  return { lines, words, bytes };
}

/** Articles timed with the sentiment encoder stage (about 30 s of work on one core). */
const ENCODER_ARTICLES = 100;

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function chronicleThroughput(
  lines: string[],
  flags: string[],
): Promise<{ seconds: number; rssSamplesMb: number[]; outputLines: number }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), 'analyze', '--ndjson', ...flags], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssOf(child.pid!)), 250);
  const started = performance.now();
  let outputLines = 0;
  const reading = (async () => {
    for await (const _ of createInterface({ input: child.stdout! })) outputLines += 1;
  })();
  for (const line of lines) {
    if (!child.stdin!.write(`${line}\n`)) await new Promise((r) => child.stdin!.once('drain', r));
  }
  child.stdin!.end();
  await reading;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const mb = samples.filter(Boolean).map((b) => Math.round(b / 1e6));
  return { seconds, rssSamplesMb: mb, outputLines };
}

async function compromiseThroughput(lines: string[]): Promise<{ words: number; seconds: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nlp = require('compromise') as (text: string) => {
    people(): { out(f: string): unknown };
    organizations(): { out(f: string): unknown };
    quotations(): { out(f: string): unknown };
  };
  let words = 0;
  const started = performance.now();
  for (const line of lines) {
    const { body } = JSON.parse(line) as { body: string };
    const doc = nlp(body);
    doc.people().out('array');
    doc.organizations().out('array');
    doc.quotations().out('array');
    words += wordCount(body);
  }
  return { words, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const mbFlag = process.argv.indexOf('--mb');
  const megabytes = mbFlag > 0 ? Number(process.argv[mbFlag + 1]) : 10;
  const { lines, words, bytes } = corpus(megabytes * 1e6);
  // The extractor's own speed (the >= 100k words/s goal): sentiment toward actors from the linear model alone.
  const chronicle = await chronicleThroughput(lines, ['--no-sentiment-encoder']);
  if (chronicle.outputLines !== lines.length)
    throw new Error(`expected ${lines.length} output lines, got ${chronicle.outputLines}`);
  // With the sentiment encoder stage, as `chronicle analyze` and the services run by default: a transformer pass per
  // judged context, so it is timed on the first ENCODER_ARTICLES articles only.
  const encoderLines = lines.slice(0, Math.min(lines.length, ENCODER_ARTICLES));
  const encoderWords = encoderLines.reduce((sum, line) => sum + wordCount((JSON.parse(line) as { body: string }).body), 0);
  const withEncoder = await chronicleThroughput(encoderLines, []);
  if (withEncoder.outputLines !== encoderLines.length) throw new Error('the encoder run lost lines');
  const encoderRss = withEncoder.rssSamplesMb;
  const baselineLines = lines.slice(0, Math.min(lines.length, 400));
  const baseline = await compromiseThroughput(baselineLines);
  const rss = chronicle.rssSamplesMb;
  const chronicleWps = Math.round(words / chronicle.seconds);
  const baselineWps = Math.round(baseline.words / baseline.seconds);
  console.log(
    JSON.stringify({
      bench: 'nlp',
      articles: lines.length,
      megabytes: Math.round(bytes / 1e5) / 10,
      words,
      chronicle_words_per_s: chronicleWps,
      baseline_compromise_words_per_s: baselineWps,
      ratio_vs_baseline: Math.round((chronicleWps / baselineWps) * 10) / 10,
      rss_mb: { first: rss[0], median: rss[Math.floor(rss.length / 2)], max: Math.max(...rss), last: rss[rss.length - 1] },
      with_sentiment_encoder: {
        articles: encoderLines.length,
        words_per_s: Math.round(encoderWords / withEncoder.seconds),
        articles_per_s: Math.round((encoderLines.length / withEncoder.seconds) * 10) / 10,
        rss_mb_max: Math.max(...encoderRss),
      },
    }),
  );
}

void main();
