/**
 * Evaluates target sentiment on the NewsMTSC dev splits: the trained model vs the plain lexicon baseline, plus speed.
 * Run from the project root:
 *   npx vite-node bench/sentiment/evaluate-sentiment.ts -- [dataDir]
 * dataDir defaults to ../shared/data/newsmtsc. Prints one JSON object.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { labelFor, lexiconTargetScore, scoreTarget, scoreText } from '../../libs/nlp/src/sentiment';
import { classOf, macroF1, NewsMtscExample, readSplit } from '../../libs/nlp/training/newsmtsc-data';

const LABEL_CLASS = { negative: 0, neutral: 1, positive: 2 } as const;

function evaluate(rows: NewsMtscExample[], predict: (r: NewsMtscExample) => number): number {
  return (
    Math.round(
      100 *
        macroF1(
          rows.map((r) => classOf(r.polarity)),
          rows.map(predict),
        ),
    ) / 100
  );
}

function perSecond(rows: NewsMtscExample[], fn: (r: NewsMtscExample) => unknown, minMs = 1000): number {
  for (const r of rows) fn(r); // warm-up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    for (const r of rows) {
      fn(r);
      n++;
    }
  }
  return Math.round(n / ((performance.now() - t0) / 1000));
}

function main(): void {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  const dataDir = resolve(__dirname, '../..', argv[0] ?? '../shared/data/newsmtsc');
  const splits = {
    'dev-rw': readSplit(dataDir, 'dev-rw.jsonl'),
    'dev-mt': readSplit(dataDir, 'dev-mt.jsonl'),
  };
  const model = (r: NewsMtscExample) => LABEL_CLASS[scoreTarget(r.sentence, r.from, r.to).label];
  const lexicon = (r: NewsMtscExample) => LABEL_CLASS[labelFor(lexiconTargetScore(r.sentence, r.from, r.to))];
  const all = [...splits['dev-rw'], ...splits['dev-mt']];
  const result = {
    metric: '3-class macro-F1 (%)',
    model: Object.fromEntries(Object.entries(splits).map(([k, rows]) => [k, evaluate(rows, model)])),
    lexiconBaseline: Object.fromEntries(Object.entries(splits).map(([k, rows]) => [k, evaluate(rows, lexicon)])),
    scoreTargetPerSecond: perSecond(all, (r) => scoreTarget(r.sentence, r.from, r.to)),
    scoreTextPerSecond: perSecond(all, (r) => scoreText(r.sentence)),
    meanSentenceChars: Math.round(all.reduce((a, r) => a + r.sentence.length, 0) / all.length),
  };
  console.log(JSON.stringify(result, null, 2));
}

main();
