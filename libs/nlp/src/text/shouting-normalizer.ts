import type { Token } from './token-scanner';

const LETTER_RE = /\p{L}/u;
const LOWER_RE = /\p{Ll}/u;
const MIN_WORDS = 4;
const SHOUTING_SHARE = 0.8;

const SENTENCE_ENDS = new Set(['.', '!', '?']);
const CLAUSE_OPENERS = new Set([':', '‘', '“', '"', "'", "''"]);

/**
 * Words that prose writes in lower case mid-sentence and a Title Case headline capitalises ("Trump Says He Never
 * Pledged To …", "Glenn Beck Blasts Drudge"): function words and the verbs headlines use most.
 */
const TITLE_CASE_WORDS = new Set(
  `a an to of in on for with at by from as is are was be and or but not his her its their he she it they we
  after over into about says said will could would can calls slams blasts praises responds tells wants wins denies`.split(/\s+/),
);

/**
 * Tokens [a, b) read as a Title Case headline ("Donald Trump Tweets A Wildly Inaccurate Graphic …"): at least four
 * words, most capitalised, one of them past the first a word that prose writes in lower case. Its capitals say as
 * little about names as an all-caps line's.
 */
function isTitleCased(tokens: readonly Token[], a: number, b: number): boolean {
  let words = 0;
  let capitalised = 0;
  let lowerInProse = 0;
  for (let k = a; k < b; k += 1) {
    const t = tokens[k]!;
    if (!t.isWord || !LETTER_RE.test(t.text)) continue;
    words += 1;
    if (!t.isCap) continue;
    capitalised += 1;
    if (words > 1 && TITLE_CASE_WORDS.has(t.lower)) lowerInProse += 1;
  }
  return words >= MIN_WORDS && capitalised / words >= SHOUTING_SHARE && lowerInProse >= 1;
}

/**
 * Words the article capitalises mid-sentence in ordinary prose ("… said John Kasich on …"): names, whose capital a
 * Title Case headline keeps ("Kasich: …").
 */
function capitalisedInProse(tokens: readonly Token[], skip: (k: number) => boolean): Set<string> {
  const out = new Set<string>();
  for (let k = 1; k < tokens.length; k += 1) {
    const t = tokens[k]!;
    const prev = tokens[k - 1]!;
    if (!t.isCap || !LOWER_RE.test(t.text) || prev.paragraph !== t.paragraph || !prev.isWord || skip(k)) continue;
    out.add(t.lower);
  }
  return out;
}

/**
 * Inside tokens [p, q) of an all-caps or Title Case passage, keeps the capital only on known names, given names and
 * the word after a given name (its surname); marks the passage in `shouting`.
 */
function lowerUnknownCapitals(
  tokens: Token[],
  p: number,
  q: number,
  shouting: Uint8Array,
  isKnownName: KnownNamePredicate,
  isGivenName: KnownNamePredicate,
  titleCase = false,
): void {
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
    // In a Title Case headline a quote or a colon still opens a clause (`Kasich: ‘We Are Going To …’`).
    const opensClause = titleCase && k > p && CLAUSE_OPENERS.has(tokens[k - 1]!.text);
    const keep = isKnownName(t.lower) || given || afterGiven || pair || keptByPair || opensClause;
    keptByPair = pair;
    afterGiven = given;
    if (!keep) t.isCap = false;
  }
}

/** Tells whether a lower-cased word is a known name worth keeping capitalised in all-caps copy. */
export type KnownNamePredicate = (lower: string) => boolean;

/**
 * Finds all-caps paragraphs ("TOYOTA SAID ON FRIDAY IT WOULD …") and Title Case headlines ("Donald Trump Tweets A
 * Wildly Inaccurate Graphic …", also when they share a paragraph with the body) and, inside them, keeps the capital
 * only on words that are known names, plus the word right after a known given name (its surname); in a headline also
 * on words the article capitalises mid-sentence in its prose, and on the word that opens a quote or follows a colon.
 * Every other word is treated as lower-case, so the name scanner sees ordinary text while offsets and token texts
 * stay untouched. Returns a per-token flag: 1 for tokens of such passages.
 */
export function normalizeShouting(tokens: Token[], isKnownName: KnownNamePredicate, isGivenName: KnownNamePredicate): Uint8Array {
  const shouting = new Uint8Array(tokens.length);
  const headlines: Array<[number, number]> = [];
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
    if (words >= MIN_WORDS && upper / words >= SHOUTING_SHARE)
      lowerUnknownCapitals(tokens, p, q, shouting, isKnownName, isGivenName);
    else {
      for (let a = p; a < q;) {
        let b = a;
        while (b < q && !SENTENCE_ENDS.has(tokens[b]!.text)) b += 1;
        if (isTitleCased(tokens, a, b)) headlines.push([a, b]);
        a = b + 1;
      }
    }
    p = q;
  }
  if (headlines.length === 0) return shouting;
  const inHeadline = new Uint8Array(tokens.length);
  for (const [a, b] of headlines) inHeadline.fill(1, a, b);
  const names = capitalisedInProse(tokens, (k) => shouting[k] === 1 || inHeadline[k] === 1);
  for (const [a, b] of headlines)
    lowerUnknownCapitals(tokens, a, b, shouting, (lower) => isKnownName(lower) || names.has(lower), isGivenName, true);
  return shouting;
}
