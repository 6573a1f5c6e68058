import { POLARITY_LEXICON_DATA } from './polarity-lexicon.data';
import { AFINN_165_DATA, VADER_DATA } from './public-lexicon.data';
import { isClauseBoundary, NEGATORS, Token, tokenize } from './tokenizer';

/** Word → prior polarity in [-3, 3] from the hand-written lexicon. Built once at module load. */
export const POLARITY_LEXICON: ReadonlyMap<string, number> = parseLexicon(POLARITY_LEXICON_DATA);

/**
 * Word → prior polarity in [-3, 3] from the public lexicons AFINN-165 and VADER (the mean of the two where both know
 * the word). The target model reads it beside the hand-written lexicon, under templates of its own.
 */
export const PUBLIC_LEXICON: ReadonlyMap<string, number> = meanLexicon([parseLexicon(AFINN_165_DATA), parseLexicon(VADER_DATA)]);

function meanLexicon(lexicons: ReadonlyArray<ReadonlyMap<string, number>>): Map<string, number> {
  const sum = new Map<string, number>();
  const count = new Map<string, number>();
  for (const lexicon of lexicons) {
    for (const [w, v] of lexicon) {
      sum.set(w, (sum.get(w) ?? 0) + v);
      count.set(w, (count.get(w) ?? 0) + 1);
    }
  }
  const out = new Map<string, number>();
  for (const [w, v] of sum) out.set(w, v / count.get(w)!);
  return out;
}

function parseLexicon(data: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const entry of data.split(/\s+/)) {
    if (!entry) continue;
    const i = entry.lastIndexOf(':');
    map.set(entry.slice(0, i), Number(entry.slice(i + 1)));
  }
  return map;
}

/**
 * Prior polarity of a normalised word in `lexicon` (the hand-written one by default; 0 when unknown); tries a couple of
 * suffix strips so inflections match.
 */
export function wordPolarity(norm: string, lexicon: ReadonlyMap<string, number> = POLARITY_LEXICON): number {
  const direct = lexicon.get(norm);
  if (direct !== undefined) return direct;
  if (norm.length > 4 && norm.endsWith('s')) {
    const v = lexicon.get(norm.slice(0, -1));
    if (v !== undefined) return v;
  }
  if (norm.length > 5 && norm.endsWith('ly')) {
    const v = lexicon.get(norm.slice(0, -2));
    if (v !== undefined) return v;
  }
  return 0;
}

/**
 * Polarity of each token, with negation applied: a negator flips every polar word after it up to the next clause
 * boundary. Returned array is aligned with `tokens`.
 */
export function tokenPolarities(tokens: readonly Token[]): number[] {
  const out = new Array<number>(tokens.length);
  let negated = false;
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].norm;
    if (isClauseBoundary(w)) negated = false;
    const p = wordPolarity(w);
    out[i] = negated ? -p : p;
    if (NEGATORS.has(w) || w.endsWith("n't")) negated = true;
  }
  return out;
}

/**
 * Plain lexicon score of a whole text in [-1, 1]: sum of (negation-aware) word polarities, squashed. This is the
 * baseline the trained model is compared against, and a fallback feature.
 */
export function lexiconScore(text: string): number {
  const pols = tokenPolarities(tokenize(text));
  let sum = 0;
  for (const p of pols) sum += p;
  return Math.tanh(sum / 4);
}

/**
 * Lexicon score toward the span [start, end): polar words weighted by 1/(1+distance in tokens) to the span, so words
 * next to the target count most.
 */
export function lexiconTargetScore(text: string, start: number, end: number): number {
  const tokens = tokenize(text);
  const pols = tokenPolarities(tokens);
  let sum = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (pols[i] === 0) continue;
    const t = tokens[i];
    let dist = 0;
    if (t.end <= start) dist = countBetween(tokens, i, start, true);
    else if (t.start >= end) dist = countBetween(tokens, i, end, false);
    sum += pols[i] / (1 + 0.2 * dist);
  }
  return Math.tanh(sum / 4);
}

function countBetween(tokens: readonly Token[], i: number, offset: number, before: boolean): number {
  let n = 0;
  if (before) for (let j = i + 1; j < tokens.length && tokens[j].end <= offset; j++) n++;
  else for (let j = i - 1; j >= 0 && tokens[j].start >= offset; j--) n++;
  return n;
}
