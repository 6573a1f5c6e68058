// Pure span scoring shared by the dev-split evaluation script and the public-sample floor test.
import type { ArticleAnalysis, Mention } from '../../src/analysis.types';

/** A token with its tag (CoNLL NE tag or GUM XPOS) and its character offsets in the rebuilt document body. */
export interface PlacedToken {
  text: string;
  tag: string;
  start: number;
  end: number;
}

/** A gold or predicted span over token indices [start, end) with its type. */
export interface TokenSpan {
  start: number;
  end: number;
  type: string;
}

/** Joins tokens with single spaces and sentences with newlines, recording offsets. */
export function placeTokens(sentences: ReadonlyArray<ReadonlyArray<{ text: string; tag: string }>>): {
  body: string;
  tokens: PlacedToken[];
} {
  const tokens: PlacedToken[] = [];
  let body = '';
  for (const sentence of sentences) {
    sentence.forEach((t, i) => {
      if (i > 0) body += ' ';
      tokens.push({ text: t.text, tag: t.tag, start: body.length, end: body.length + t.text.length });
      body += t.text;
    });
    body += '\n';
  }
  return { body, tokens };
}

const PRONOUNS = new Set(
  'i me my mine we us our ours you your yours he him his she her hers it its they them their theirs this that these those who whom whose which'.split(
    ' ',
  ),
);

export interface Prf {
  p: number;
  r: number;
  f1: number;
  gold: number;
  pred: number;
  tp: number;
}

export function prf(tp: number, gold: number, pred: number): Prf {
  const p = pred ? tp / pred : 0;
  const r = gold ? tp / gold : 0;
  const round = (x: number): number => Math.round(x * 1000) / 10;
  return { p: round(p), r: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0), gold, pred, tp };
}

export function isName(m: Mention): boolean {
  if (m.kind !== undefined && m.kind !== 'name') return false;
  const first = m.text.charAt(0);
  return first !== first.toLowerCase() && !PRONOUNS.has(m.text.toLowerCase());
}

/** Token span covering exactly [start, end) of the body, or null when the mention does not sit on token edges. */
export function toTokenSpan(tokens: readonly PlacedToken[], start: number, end: number, type: string): TokenSpan | null {
  const first = tokens.findIndex((t) => t.start === start);
  if (first < 0) return null;
  let last = first;
  while (last < tokens.length && tokens[last]!.end < end) last += 1;
  if (last >= tokens.length || tokens[last]!.end !== end) return null;
  return { start: first, end: last + 1, type };
}

/** Predicted typed token spans; `namesOnly` drops pronoun and description mentions. */
export function predictedSpans(analysis: ArticleAnalysis, tokens: readonly PlacedToken[], namesOnly: boolean): TokenSpan[] {
  const out: TokenSpan[] = [];
  const add = (m: Mention, type: string): void => {
    if (namesOnly && !isName(m)) return;
    // A mention that does not sit on token edges cannot match; count it as a false positive of its type.
    out.push(toTokenSpan(tokens, m.start, m.end, type) ?? { start: -1, end: -1, type });
  };
  for (const a of analysis.actors) for (const m of a.mentions) add(m, a.kind === 'person' ? 'PER' : 'ORG');
  for (const p of analysis.places) for (const m of p.mentions) add(m, 'LOC');
  return out;
}

export function countMatches(gold: readonly TokenSpan[], pred: readonly TokenSpan[], type: string): [number, number, number] {
  const key = (s: TokenSpan): string => `${s.start}:${s.end}`;
  const g = new Set(gold.filter((s) => s.type === type).map(key));
  const p = new Set(pred.filter((s) => s.type === type && s.start >= 0).map(key));
  const unplaced = pred.filter((s) => s.type === type && s.start < 0).length;
  let tp = 0;
  for (const k of p) if (g.has(k)) tp += 1;
  return [tp, g.size, p.size + unplaced];
}

/** A GUM mention whose last token and first non-determiner token are proper nouns. */
export function isNamedGum(tokens: readonly PlacedToken[], start: number, end: number): boolean {
  const proper = (i: number): boolean => tokens[i]!.tag === 'NNP' || tokens[i]!.tag === 'NNPS';
  let first = start;
  while (first < end - 1 && tokens[first]!.tag === 'DT') first += 1;
  return proper(first) && proper(end - 1);
}
