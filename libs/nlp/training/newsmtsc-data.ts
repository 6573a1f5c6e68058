// Shared by the training and benchmark scripts (dev-time only; uses node:fs, so it lives outside libs/nlp/src).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One NewsMTSC target: sentiment (-1/0/1) toward sentence[from, to). */
export interface NewsMtscExample {
  sentence: string;
  mention: string;
  from: number;
  to: number;
  polarity: -1 | 0 | 1;
}

/** Class index used by the model: 0 negative, 1 neutral, 2 positive. */
export function classOf(polarity: number): 0 | 1 | 2 {
  return polarity < 0 ? 0 : polarity > 0 ? 2 : 1;
}

/** Reads a NewsMTSC jsonl split. */
export function readSplit(dir: string, file: string): NewsMtscExample[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as NewsMtscExample);
}

/** Macro-averaged F1 over the three classes, in percent. */
export function macroF1(gold: readonly number[], pred: readonly number[]): number {
  let sum = 0;
  for (let c = 0; c < 3; c++) {
    let tp = 0,
      fp = 0,
      fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === c && gold[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    const p = tp + fp ? tp / (tp + fp) : 0;
    const r = tp + fn ? tp / (tp + fn) : 0;
    sum += p + r ? (2 * p * r) / (p + r) : 0;
  }
  return (100 * sum) / 3;
}
