import { POLARITY_LEXICON_DATA } from './polarity-lexicon.data';
import { isClauseBoundary, NEGATORS, Token, tokenize } from './tokenizer';

/** Word → prior polarity in [-3, 3]. Built once at module load. */
export const POLARITY_LEXICON: ReadonlyMap<string, number> = parseLexicon(POLARITY_LEXICON_DATA);

function parseLexicon(data: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const entry of data.split(/\s+/)) {
    if (!entry) continue;
    const i = entry.lastIndexOf(':');
    map.set(entry.slice(0, i), Number(entry.slice(i + 1)));
  }
  return map;
}

/** Prior polarity of a normalised word (0 when unknown); tries a couple of suffix strips so inflections match. */
export function wordPolarity(norm: string): number {
  const direct = POLARITY_LEXICON.get(norm);
  if (direct !== undefined) return direct;
  if (norm.length > 4 && norm.endsWith('s')) {
    const v = POLARITY_LEXICON.get(norm.slice(0, -1));
    if (v !== undefined) return v;
  }
  if (norm.length > 5 && norm.endsWith('ly')) {
    const v = POLARITY_LEXICON.get(norm.slice(0, -2));
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
