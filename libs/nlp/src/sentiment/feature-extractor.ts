import { hashString, mix } from "./feature-hashing";
import { wordPolarity } from "./lexicon-scorer";
import {
  isClauseBoundary,
  isQuoteToken,
  NEGATORS,
  Token,
  tokenize,
} from "./tokenizer";

/** Which feature set to extract: sentiment toward a span, or the tone of a whole text. */
export type FeatureMode = "target" | "text";

/**
 * Sparse, hashed feature vector. `index` holds raw 32-bit hashes (the model reduces them modulo its table size),
 * `value` the feature values; only the first `size` entries are valid. Reused between calls to avoid allocation.
 */
export interface FeatureVector {
  index: Uint32Array;
  value: Float32Array;
  size: number;
}

const CAPACITY = 8192;
const WINDOW = 5;

// Feature templates. The numbers are part of the model format: renumbering them invalidates trained weights.
const T_BIAS = 1;
const T_UNI = 2;
const T_BI = 3;
const T_LEFT = 4;
const T_RIGHT = 5;
const T_POS = 6;
const T_TARGET = 7;
const T_CLAUSE = 8;
const T_L1 = 9;
const T_R1 = 10;
const T_R12 = 11;
const T_LEX = 12;
const T_FLAG = 13;
const T_QUOTE_WORD = 14;
const T_LEX_WORD_SIDE = 15;
// 16 was clause bigrams: dropped, they lowered dev macro-F1.
const T_L12 = 17;
const T_STEM = 18;
const T_STEM_SIDE = 19;

const NEG_SUFFIX = 0x5bd1e995;

/** Verbs and phrases after (or before) which a name is the speaker, not the subject, of what is said. */
const SPEECH_VERBS: ReadonlySet<string> = new Set([
  "said",
  "says",
  "say",
  "told",
  "tells",
  "stated",
  "added",
  "wrote",
  "writes",
  "argued",
  "argues",
  "claimed",
  "claims",
  "insisted",
  "insists",
  "tweeted",
  "explained",
  "noted",
  "asserted",
  "announced",
  "declared",
  "warned",
  "according",
  "suggested",
  "replied",
  "responded",
  "acknowledged",
  "admitted",
  "recalled",
  "continued",
  "asked",
]);

const PRONOUNS: ReadonlySet<string> = new Set([
  "he",
  "she",
  "they",
  "it",
  "him",
  "her",
  "them",
  "his",
  "their",
  "its",
  "i",
  "we",
  "you",
  "us",
  "me",
]);

// Per-call scratch state, reused to keep extraction allocation-light.
const out: FeatureVector = {
  index: new Uint32Array(CAPACITY),
  value: new Float32Array(CAPACITY),
  size: 0,
};
let wordHash = new Uint32Array(256);
let stemHash = new Uint32Array(256);
let negated = new Uint8Array(256);
let inQuote = new Uint8Array(256);
let polarity = new Float32Array(256);

function push(h: number, v: number): void {
  if (out.size < CAPACITY) {
    out.index[out.size] = h;
    out.value[out.size] = v;
    out.size++;
  }
}

function ensureScratch(n: number): void {
  if (wordHash.length >= n) return;
  const cap = Math.max(n, wordHash.length * 2);
  wordHash = new Uint32Array(cap);
  stemHash = new Uint32Array(cap);
  negated = new Uint8Array(cap);
  inQuote = new Uint8Array(cap);
  polarity = new Float32Array(cap);
}

function distanceBucket(d: number): number {
  if (d <= 3) return d;
  if (d <= 5) return 4;
  if (d <= 8) return 5;
  if (d <= 12) return 6;
  return 7;
}

const flagHashes = new Map<string, number>();

function flag(name: string, v = 1): void {
  let h = flagHashes.get(name);
  if (h === undefined)
    flagHashes.set(name, (h = mix(T_FLAG, hashString(name))));
  push(h, v);
}

interface WordInfo {
  hash: number;
  stemHash: number;
  polarity: number;
}

// Per-word hashes and lexicon lookups are pure functions of the word, so they are memoised. The cache is bounded
// (cleared when full) to keep memory flat on long-running workers; results never depend on its state.
const WORD_CACHE_LIMIT = 100_000;
const wordCache = new Map<string, WordInfo>();

function wordInfo(w: string): WordInfo {
  let info = wordCache.get(w);
  if (info === undefined) {
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    info = {
      hash: hashString(w),
      stemHash: hashString(stem(w)),
      polarity: wordPolarity(w),
    };
    wordCache.set(w, info);
  }
  return info;
}

/**
 * Extracts hashed features for sentiment toward [start, end) of `text` (mode 'target') or for the tone of the whole
 * text (mode 'text'). The returned vector is shared scratch space: copy it before the next call if you keep it.
 */
export function extractFeatures(
  text: string,
  start: number,
  end: number,
  mode: FeatureMode,
): FeatureVector {
  out.size = 0;
  const tokens = tokenize(text);
  const n = tokens.length;
  ensureScratch(n + 1);
  annotate(tokens);

  push(mix(T_BIAS, 0), 1);
  for (let i = 0; i < n; i++) {
    const h = negated[i] ? wordHash[i] ^ NEG_SUFFIX : wordHash[i];
    push(mix(T_UNI, h), 1);
    push(mix(T_STEM, negated[i] ? stemHash[i] ^ NEG_SUFFIX : stemHash[i]), 1);
    push(mix(T_BI, i === 0 ? 0 : wordHash[i - 1], wordHash[i]), 1);
  }
  if (n > 0) push(mix(T_BI, wordHash[n - 1], 1), 1);

  let pos = 0;
  let neg = 0;
  for (let i = 0; i < n; i++) {
    if (polarity[i] > 0) pos += polarity[i];
    else neg -= polarity[i];
  }
  lexFeatures("s", pos, neg);
  if (mode === "text") return out;

  // Target token range [t0, t1): tokens overlapping the span; an empty span sits between tokens.
  let t0 = 0;
  while (t0 < n && tokens[t0].end <= start) t0++;
  let t1 = t0;
  while (t1 < n && tokens[t1].start < end) t1++;

  for (let i = t0; i < t1; i++) push(mix(T_TARGET, wordHash[i]), 1);
  if (t1 - t0 === 1 && PRONOUNS.has(tokens[t0].norm)) flag("target-pronoun");
  if (t0 === 0) flag("target-first");
  if (t1 >= n - 1) flag("target-last");
  if (t0 < n && inQuote[t0]) flag("target-in-quote");

  push(mix(T_L1, t0 > 0 ? wordHash[t0 - 1] : 0), 1);
  push(
    mix(T_L12, t0 > 1 ? wordHash[t0 - 2] : 0, t0 > 0 ? wordHash[t0 - 1] : 0),
    1,
  );
  push(mix(T_R1, t1 < n ? wordHash[t1] : 0), 1);
  push(
    mix(T_R12, t1 < n ? wordHash[t1] : 0, t1 + 1 < n ? wordHash[t1 + 1] : 0),
    1,
  );

  // Speaker: "X said", "X, who said", "said X", "according to X".
  for (let i = t1; i < Math.min(n, t1 + 4); i++) {
    if (SPEECH_VERBS.has(tokens[i].norm)) {
      flag("speaker-before-verb");
      break;
    }
  }
  for (let i = Math.max(0, t0 - 3); i < t0; i++) {
    if (SPEECH_VERBS.has(tokens[i].norm)) {
      flag("speaker-after-verb");
      break;
    }
  }

  // Clause containing the target: between the nearest clause boundaries on each side.
  let c0 = t0;
  while (c0 > 0 && !isClauseBoundary(tokens[c0 - 1].norm)) c0--;
  let c1 = t1;
  while (c1 < n && !isClauseBoundary(tokens[c1].norm)) c1++;

  let wPosL = 0,
    wNegL = 0,
    wPosR = 0,
    wNegR = 0,
    cPos = 0,
    cNeg = 0,
    qPos = 0,
    qNeg = 0;
  const targetQuoted = t0 < n && inQuote[t0] === 1;
  for (let i = 0; i < n; i++) {
    if (i >= t0 && i < t1) continue;
    const left = i < t0;
    const d = left ? t0 - i : i - t1 + 1;
    const h = negated[i] ? wordHash[i] ^ NEG_SUFFIX : wordHash[i];
    const b = distanceBucket(d);
    push(mix(T_POS, h, left ? b : 16 + b), 1);
    if (d <= WINDOW) push(mix(left ? T_LEFT : T_RIGHT, h), 1);
    if (d <= WINDOW)
      push(
        mix(
          T_STEM_SIDE,
          negated[i] ? stemHash[i] ^ NEG_SUFFIX : stemHash[i],
          left ? 1 : 2,
        ),
        1,
      );
    const inClause = i >= c0 && i < c1;
    if (inClause) push(mix(T_CLAUSE, h), 1);
    if (inQuote[i] && !targetQuoted) push(mix(T_QUOTE_WORD, h), 1);
    const p = polarity[i];
    if (p !== 0) {
      push(mix(T_LEX_WORD_SIDE, p > 0 ? 1 : 2, (left ? 0 : 8) + b), 1);
      if (d <= WINDOW) {
        if (left && p > 0) wPosL += p;
        else if (left) wNegL -= p;
        else if (p > 0) wPosR += p;
        else wNegR -= p;
      }
      if (inClause && p > 0) cPos += p;
      else if (inClause) cNeg -= p;
      if (inQuote[i] && !targetQuoted && p > 0) qPos += p;
      else if (inQuote[i] && !targetQuoted) qNeg -= p;
    }
  }
  lexFeatures("wl", wPosL, wNegL);
  lexFeatures("wr", wPosR, wNegR);
  lexFeatures("c", cPos, cNeg);
  lexFeatures("q", qPos, qNeg);
  return out;
}

/** Lexicon sums as scaled real values plus a coarse sign indicator, so the model can learn nonlinear use of both. */
function lexFeatures(scope: string, pos: number, neg: number): void {
  const s = hashString(scope);
  push(mix(T_LEX, s, 1), Math.log1p(pos));
  push(mix(T_LEX, s, 2), Math.log1p(neg));
  const sign = pos > neg ? 3 : neg > pos ? 4 : pos > 0 ? 5 : 6;
  push(mix(T_LEX, s, sign), 1);
}

/** Fills the per-token scratch arrays: word hashes, negation scope, quotation scope and lexicon polarity. */
function annotate(tokens: readonly Token[]): void {
  let neg = false;
  let quote = false;
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].norm;
    if (isQuoteToken(w)) quote = w === "“" ? true : w === "”" ? false : !quote;
    if (isClauseBoundary(w)) neg = false;
    const info = wordInfo(w);
    wordHash[i] = info.hash;
    stemHash[i] = info.stemHash;
    negated[i] = neg ? 1 : 0;
    inQuote[i] = quote ? 1 : 0;
    const p = info.polarity;
    polarity[i] = neg ? -p : p;
    if (NEGATORS.has(w) || w.endsWith("n't")) neg = true;
  }
}

/** Crude suffix stripper so inflections share a feature; the exact word is kept as well. */
function stem(w: string): string {
  if (w.length <= 4) return w;
  for (const suf of [
    "ations",
    "ation",
    "ings",
    "ing",
    "edly",
    "ed",
    "ies",
    "es",
    "s",
    "ly",
    "ment",
    "ers",
    "er",
  ]) {
    if (w.endsWith(suf) && w.length - suf.length >= 3)
      return w.slice(0, -suf.length);
  }
  return w;
}
