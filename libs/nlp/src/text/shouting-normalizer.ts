import type { Token } from './token-scanner';

const LETTER_RE = /\p{L}/u;
const LOWER_RE = /\p{Ll}/u;
const MIN_WORDS = 4;
const SHOUTING_SHARE = 0.8;

/** Tells whether a lower-cased word is a known name worth keeping capitalised in all-caps copy. */
export type KnownNamePredicate = (lower: string) => boolean;

/**
 * Finds all-caps paragraphs ("TOYOTA SAID ON FRIDAY IT WOULD …") and, inside them, keeps the capital only on words
 * that are known names, plus the word right after a known given name (its surname). Every other word is treated
 * as lower-case, so the name scanner sees ordinary text while offsets and token texts stay untouched.
 * Returns a per-token flag: 1 for tokens of shouting paragraphs.
 */
export function normalizeShouting(tokens: Token[], isKnownName: KnownNamePredicate, isGivenName: KnownNamePredicate): Uint8Array {
  const shouting = new Uint8Array(tokens.length);
  let p = 0;
  while (p < tokens.length) {
    const para = tokens[p]!.paragraph;
    let q = p;
    let words = 0;
    let upper = 0;
    while (q < tokens.length && tokens[q]!.paragraph === para) {
      const t = tokens[q]!;
      if (t.isWord && LETTER_RE.test(t.text)) {
        words += 1;
        if (!LOWER_RE.test(t.text)) upper += 1;
      }
      q += 1;
    }
    if (words >= MIN_WORDS && upper / words >= SHOUTING_SHARE) {
      let afterGiven = false;
      let keptByPair = false;
      for (let k = p; k < q; k += 1) {
        const t = tokens[k]!;
        shouting[k] = 1;
        if (!t.isCap) {
          afterGiven = false;
          continue;
        }
        t.shouted = true;
        const given = isGivenName(t.lower);
        const next = tokens[k + 1];
        // Two-word names ("GOLDMAN SACHS") are known only as a pair.
        const pair = next !== undefined && k + 1 < q && next.isCap && isKnownName(`${t.lower} ${next.lower}`);
        const keep = isKnownName(t.lower) || given || afterGiven || pair || keptByPair;
        keptByPair = pair;
        afterGiven = given;
        if (!keep) t.isCap = false;
      }
    }
    p = q;
  }
  return shouting;
}
