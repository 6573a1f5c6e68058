/**
 * Hand-run sanity check of extractor speed (not a test): analyses the seed article, alone and repeated 50 times
 * as one long body, and prints words per second on one core.
 * Run from the project root: npx vite-node libs/nlp/scripts/measure-throughput.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeArticle } from '../src/article-analyzer';

const raw = readFileSync(join(__dirname, '..', 'test', 'fixtures', 'istanbul-talks.txt'), 'utf8');
const body = raw.slice(raw.indexOf('\n') + 1);
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

function measure(label: string, text: string, runs: number): void {
  for (let i = 0; i < 3; i += 1) analyzeArticle({ id: 'warmup', body: text });
  const t0 = performance.now();
  for (let i = 0; i < runs; i += 1) analyzeArticle({ id: `run-${i}`, body: text });
  const seconds = (performance.now() - t0) / 1000;
  const rate = Math.round((words(text) * runs) / seconds);
  console.log(
    `${label}: ${words(text)} words x ${runs} runs in ${seconds.toFixed(2)} s = ${rate.toLocaleString('en-US')} words/s`,
  );
}

measure('seed article', body, 200);
measure('seed x50 as one body', Array.from({ length: 50 }, () => body).join('\n'), 4);
