import { isFiniteSpeechVerb } from '../lexicon/speech-verb-lexicon';
import type { Token } from './token-scanner';

/**
 * What a masked range is. Credits and colon labels carry no names worth keeping; a dateline names a place; a short
 * title-cased line is a label or a headline, results line or box score, whose names are real but whose words give
 * the rules no context.
 */
export const MASK_FURNITURE = 1;
export const MASK_DATELINE = 2;
export const MASK_SHORT_LINE = 3;
export type MaskKind = typeof MASK_FURNITURE | typeof MASK_DATELINE | typeof MASK_SHORT_LINE;

/** Character ranges [start, end) of non-prose furniture: datelines, photo credits, section labels, with their kind. */
export type CharRange = readonly [number, number, MaskKind];

// "KYIV, Ukraine (AP) — ", "LONDON (Reuters) - ", "WASHINGTON — ", "OTTAWA 2025-03-12 - "
const DATELINE_RE =
  /^[\p{Lu}][\p{Lu}\p{M} .'’-]{1,40}(?:,\s*[\p{Lu}][\p{L}\p{M} .'’-]{1,40})?(?:\s+\d{4}-\d{2}-\d{2})?\s*(?:\([\p{L} .&/-]{1,30}\))?\s*[—–-]{1,2}\s/u;
const CREDIT_RES: readonly RegExp[] = [
  /\([^()\n]{0,60}?\b(?:Photo|Photograph|Image|Credit|Pictured|File)\b[^()\n]{0,100}\)/giu,
  /^(?:Photo|Photograph|Image|Credit|Pictured)s?\s*(?:by|:)[^\n]*$/gimu,
  /\b(?:AP|AFP|Reuters|Getty Images|EPA|Anadolu)\s*(?:Photo|Images)?\s*\/\s*[^\n)]{0,60}/gu,
  /\b(?:Photo|Photograph)s?\s*(?:by|:)\s*[^\n.;)]{0,80}/giu,
];
const LOWER_RE = /\p{Ll}/u;
const DIGIT_RE = /\d/;
const SENTENCE_END_RE = /[.!?"”’)]$/;

/** Finds datelines, photo credits, labels and short title-cased lines by pattern over the raw body. */
export function findBoilerplate(body: string, tokens: readonly Token[]): CharRange[] {
  const ranges: CharRange[] = [];
  for (const re of CREDIT_RES) {
    for (const m of body.matchAll(re)) ranges.push([m.index, m.index + m[0].length, MASK_FURNITURE]);
  }
  // Paragraph-level checks: datelines open a paragraph; short title-cased lines without a full stop are labels.
  let p = 0;
  while (p < tokens.length) {
    const para = tokens[p]!.paragraph;
    let q = p;
    while (q < tokens.length && tokens[q]!.paragraph === para) q += 1;
    const start = tokens[p]!.start;
    const end = tokens[q - 1]!.end;
    const head = body.slice(start, Math.min(end, start + 120));
    const dateline = DATELINE_RE.exec(head);
    if (dateline) ranges.push([start, start + dateline[0].length, MASK_DATELINE]);
    const kind = shortLineKind(tokens, p, q);
    if (kind) ranges.push([start, end, kind]);
    p = q;
  }
  return ranges;
}

/**
 * Kind of a short line without a full stop, or null for prose. A colon label ("Related Sources:") and a heading in
 * title case ("Kovarik Wins In Prague", which capitalises ordinary words) show no names; a results line, list of
 * players, byline or all-caps headline keeps figures, commas, lower-case words or capitals only, and shows its names.
 */
function shortLineKind(tokens: readonly Token[], first: number, last: number): MaskKind | null {
  let words = 0;
  let caps = 0;
  let titleCased = 0;
  let lowerCased = 0;
  let figuresOrCommas = 0;
  let speaksBeforeColon = false;
  for (let k = first; k < last; k += 1) {
    const t = tokens[k]!;
    if (t.text === ',' || DIGIT_RE.test(t.text)) figuresOrCommas += 1;
    if (!t.isWord) continue;
    words += 1;
    if (!t.isCap && isFiniteSpeechVerb(t.lower)) speaksBeforeColon = true;
    if (t.isCap) caps += 1;
    if (LOWER_RE.test(t.text)) {
      if (t.isCap) titleCased += 1;
      else lowerCased += 1;
    }
  }
  const lastText = tokens[last - 1]!.text;
  if (words > 12 || SENTENCE_END_RE.test(lastText)) return null;
  // "Related Sources:" labels; "Lind said:" / "Cruz continued:" leads into a quote in the next paragraph.
  if (lastText === ':') return speaksBeforeColon ? null : MASK_FURNITURE;
  if (caps / Math.max(words, 1) < 0.6) return null;
  return lowerCased === 0 && titleCased > 2 && figuresOrCommas === 0 ? MASK_FURNITURE : MASK_SHORT_LINE;
}
