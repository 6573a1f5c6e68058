import type { Token } from './token-scanner';

/** Character ranges [start, end) of non-prose furniture: datelines, photo credits, section labels. */
export type CharRange = readonly [number, number];

// "KYIV, Ukraine (AP) — ", "LONDON (Reuters) - ", "WASHINGTON — ", "OTTAWA 2025-03-12 - "
const DATELINE_RE =
  /^[\p{Lu}][\p{Lu}\p{M} .'’-]{1,40}(?:,\s*[\p{Lu}][\p{L}\p{M} .'’-]{1,40})?(?:\s+\d{4}-\d{2}-\d{2})?\s*(?:\([\p{L} .&/-]{1,30}\))?\s*[—–-]{1,2}\s/u;
const CREDIT_RES: readonly RegExp[] = [
  /\([^()\n]{0,60}?\b(?:Photo|Photograph|Image|Credit|Pictured|File)\b[^()\n]{0,100}\)/giu,
  /^(?:Photo|Photograph|Image|Credit|Pictured)s?\s*(?:by|:)[^\n]*$/gimu,
  /\b(?:AP|AFP|Reuters|Getty Images|EPA|Anadolu)\s*(?:Photo|Images)?\s*\/\s*[^\n)]{0,60}/gu,
  /\b(?:Photo|Photograph)s?\s*(?:by|:)\s*[^\n.;)]{0,80}/giu,
];
const SENTENCE_END_RE = /[.!?"”’)]$/;

/** Finds datelines and photo credits by pattern over the raw body. */
export function findBoilerplate(body: string, tokens: readonly Token[]): CharRange[] {
  const ranges: CharRange[] = [];
  for (const re of CREDIT_RES) {
    for (const m of body.matchAll(re)) ranges.push([m.index, m.index + m[0].length]);
  }
  // Paragraph-level checks: datelines open a paragraph; short title-cased lines without a full stop are labels.
  let p = 0;
  while (p < tokens.length) {
    const para = tokens[p]!.paragraph;
    let q = p;
    let words = 0;
    let caps = 0;
    while (q < tokens.length && tokens[q]!.paragraph === para) {
      const t = tokens[q]!;
      if (t.isWord) {
        words += 1;
        if (t.isCap) caps += 1;
      }
      q += 1;
    }
    const start = tokens[p]!.start;
    const end = tokens[q - 1]!.end;
    const head = body.slice(start, Math.min(end, start + 120));
    const dateline = DATELINE_RE.exec(head);
    if (dateline) ranges.push([start, start + dateline[0].length]);
    const lastText = tokens[q - 1]!.text;
    const label = words <= 12 && !SENTENCE_END_RE.test(lastText) && (caps / Math.max(words, 1) >= 0.6 || lastText === ':');
    if (label) ranges.push([start, end]);
    p = q;
  }
  return ranges;
}
