import { findBoilerplate } from './boilerplate-masker';
import { scanQuotes, type QuoteSpan } from './quote-scanner';
import { normalizeShouting, type KnownNamePredicate } from './shouting-normalizer';
import { splitSentences, type Sentence } from './sentence-splitter';
import { scanTokens, type Token } from './token-scanner';

/** The body broken into tokens, sentences and quotes, with per-token lookups shared by every extractor. */
export interface ArticleDocument {
  body: string;
  tokens: Token[];
  sentences: Sentence[];
  quotes: QuoteSpan[];
  /** Sentence index of each token. */
  sentenceOf: Int32Array;
  /** Quote index of each token (quote marks included), or -1. */
  quoteOf: Int32Array;
  /** Non-zero for tokens inside datelines, photo credits and labels: the MaskKind of the range (the lowest kind where ranges overlap). */
  masked: Uint8Array;
  /** 1 for tokens of all-caps paragraphs, where capitals carry no evidence (only known names keep theirs). */
  shouting: Uint8Array;
  /** 1 for the first word of a sentence or of a quotation. */
  initial: Uint8Array;
  /**
   * Running count of sentences that contain narration (words outside quotes), so that distance between
   * sentences is not inflated by long quotations.
   */
  narrativeIndex: Int32Array;
}

/** Lexicon lookups the document needs to read all-caps copy; without them every shouted word stays a capital. */
export interface NameLexicon {
  isKnownName: KnownNamePredicate;
  isGivenName: KnownNamePredicate;
}

const NO_LEXICON: NameLexicon = { isKnownName: () => true, isGivenName: () => false };

/** Builds the shared document model in a few linear passes. */
export function buildDocument(body: string, lexicon: NameLexicon = NO_LEXICON): ArticleDocument {
  const tokens = scanTokens(body);
  const shouting = normalizeShouting(tokens, lexicon.isKnownName, lexicon.isGivenName);
  const sentences = splitSentences(tokens);
  const quotes = scanQuotes(tokens);
  const n = tokens.length;
  const sentenceOf = new Int32Array(n);
  const quoteOf = new Int32Array(n).fill(-1);
  const masked = new Uint8Array(n);
  const initial = new Uint8Array(n);
  const narrativeIndex = new Int32Array(sentences.length);

  for (const q of quotes) {
    const last = q.close === -1 ? lastTokenBefore(tokens, q.end) : q.close;
    for (let i = q.open; i <= last; i += 1) quoteOf[i] = q.index;
  }
  let narrative = -1;
  for (const s of sentences) {
    let hasNarration = false;
    let seenWord = false;
    for (let i = s.first; i < s.last; i += 1) {
      sentenceOf[i] = s.index;
      const t = tokens[i]!;
      if (!t.isWord) continue;
      if (!seenWord) initial[i] = 1;
      seenWord = true;
      if (quoteOf[i] === -1) hasNarration = true;
    }
    if (hasNarration || narrative < 0) narrative += 1;
    narrativeIndex[s.index] = narrative;
  }
  for (const q of quotes) {
    const first = q.open + 1;
    if (first < n && tokens[first]!.isWord) initial[first] = 1;
  }
  // Ranges are few and sorted once, so one forward sweep marks every covered token.
  const ranges = findBoilerplate(body, tokens).sort((x, y) => x[0] - y[0]);
  let r = 0;
  for (let i = 0; i < n && r < ranges.length; i += 1) {
    const t = tokens[i]!;
    while (r < ranges.length && ranges[r]![1] <= t.start) r += 1;
    for (let k = r; k < ranges.length && ranges[k]![0] <= t.start; k += 1) {
      // Where ranges overlap, the more certain furniture kind (lower number) wins.
      if (t.end <= ranges[k]![1] && (masked[i] === 0 || ranges[k]![2] < masked[i]!)) masked[i] = ranges[k]![2];
    }
  }
  return { body, tokens, sentences, quotes, sentenceOf, quoteOf, masked, shouting, initial, narrativeIndex };
}

function lastTokenBefore(tokens: readonly Token[], end: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tokens[mid]!.end <= end) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
