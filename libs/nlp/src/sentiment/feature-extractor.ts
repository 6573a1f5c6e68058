import { EmbeddingFeatureOptions, pushEmbeddingFeatures } from './embedding-features';
import { hashString, mix } from './feature-hashing';
import { PUBLIC_LEXICON, wordPolarity } from './lexicon-scorer';
import { isClauseBoundary, isQuoteToken, NEGATORS, Token, tokenize } from './tokenizer';

/** Which feature set to extract: sentiment toward a span, or the tone of a whole text. */
export type FeatureMode = 'target' | 'text';

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
// 20 (words between the target and its nearest other entity), 23 (possessive head) and 25 (clause split also on
// conjunctions and relative pronouns) were tried: no gain in 5-fold CV on train, so they are not extracted.
const T_AGENT = 21;
const T_PATIENT = 22;
const T_LEX_BLOCK = 24;
// 26 is the dense word-vector template, emitted by embedding-features.ts.
// The public lexicons' (AFINN-165 and VADER, see lexicon-scorer.ts) counterparts of T_LEX, T_LEX_WORD_SIDE and
// T_LEX_BLOCK, beside the hand-written lexicon's.
const T_PUB_LEX = 27;
const T_PUB_LEX_WORD_SIDE = 28;
const T_PUB_LEX_BLOCK = 29;

/** Stands in for every capitalised name other than the target, so its context is learnt as "someone else". */
const OTHER_ENTITY = 0x2545f491;

/** Words that start a new clause for role detection (besides punctuation and "but"/"however"). */
const CLAUSE_LINKS: ReadonlySet<string> = new Set([
  'while',
  'although',
  'though',
  'whereas',
  'because',
  'after',
  'before',
  'when',
  'who',
  'which',
  'and',
]);

/** Words that may precede a clause's subject: if only these (or names) precede the target, it is read as the agent. */
const SUBJECT_PREFIX: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'former',
  'president',
  'mr',
  'mrs',
  'ms',
  'dr',
  'sen',
  'rep',
  'gov',
  '.',
  '-',
  'democratic',
  'republican',
  'u',
  's',
  'new',
  'then',
  'also',
  'us',
]);

const NEG_SUFFIX = 0x5bd1e995;

/** Verbs and phrases after (or before) which a name is the speaker, not the subject, of what is said. */
const SPEECH_VERBS: ReadonlySet<string> = new Set([
  'said',
  'says',
  'say',
  'told',
  'tells',
  'stated',
  'added',
  'wrote',
  'writes',
  'argued',
  'argues',
  'claimed',
  'claims',
  'insisted',
  'insists',
  'tweeted',
  'explained',
  'noted',
  'asserted',
  'announced',
  'declared',
  'warned',
  'according',
  'suggested',
  'replied',
  'responded',
  'acknowledged',
  'admitted',
  'recalled',
  'continued',
  'asked',
]);

const PRONOUNS: ReadonlySet<string> = new Set([
  'he',
  'she',
  'they',
  'it',
  'him',
  'her',
  'them',
  'his',
  'their',
  'its',
  'i',
  'we',
  'you',
  'us',
  'me',
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
let publicPolarity = new Float32Array(256);
// Word hash with other entities replaced by OTHER_ENTITY, and whether a token is such an entity.
let ctxHash = new Uint32Array(256);
let isEnt = new Uint8Array(256);

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
  publicPolarity = new Float32Array(cap);
  ctxHash = new Uint32Array(cap);
  isEnt = new Uint8Array(cap);
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
  if (h === undefined) flagHashes.set(name, (h = mix(T_FLAG, hashString(name))));
  push(h, v);
}

interface WordInfo {
  hash: number;
  stemHash: number;
  polarity: number;
  publicPolarity: number;
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
      publicPolarity: wordPolarity(w, PUBLIC_LEXICON),
    };
    wordCache.set(w, info);
  }
  return info;
}

/**
 * Extracts hashed features for sentiment toward [start, end) of `text` (mode 'target') or for the tone of the whole
 * text (mode 'text'). With `embedding` (target mode only), pooled word vectors of the context are added as dense
 * features. The returned vector is shared scratch space: copy it before the next call if you keep it.
 */
export function extractFeatures(
  text: string,
  start: number,
  end: number,
  mode: FeatureMode,
  embedding?: EmbeddingFeatureOptions,
): FeatureVector {
  out.size = 0;
  const tokens = tokenize(text);
  const n = tokens.length;
  ensureScratch(n + 1);
  annotate(tokens);

  // Target token range [t0, t1): tokens overlapping the span; an empty span sits between tokens.
  let t0 = 0;
  while (t0 < n && tokens[t0].end <= start) t0++;
  let t1 = t0;
  while (t1 < n && tokens[t1].start < end) t1++;
  // Other entities: capitalised tokens outside the target that do not start a sentence or quote. Masking them (target
  // mode only) makes the sentence-level features target-specific too; it helped most on multi-target sentences.
  let prevEnt = -1;
  let nextEnt = n;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(tokens[i].start);
    const ent =
      mode === 'target' &&
      i > 0 &&
      (i < t0 || i >= t1) &&
      c >= 65 &&
      c <= 90 &&
      tokens[i - 1].norm !== '.' &&
      !isQuoteToken(tokens[i - 1].norm);
    isEnt[i] = ent ? 1 : 0;
    ctxHash[i] = ent ? OTHER_ENTITY : wordHash[i];
    if (ent && i < t0) prevEnt = i;
    if (ent && i >= t1 && nextEnt === n) nextEnt = i;
  }
  push(mix(T_BIAS, 0), 1);
  for (let i = 0; i < n; i++) {
    const h = negated[i] ? ctxHash[i] ^ NEG_SUFFIX : ctxHash[i];
    push(mix(T_UNI, h), 1);
    push(mix(T_STEM, negated[i] ? stemHash[i] ^ NEG_SUFFIX : stemHash[i]), 1);
    push(mix(T_BI, i === 0 ? 0 : ctxHash[i - 1], ctxHash[i]), 1);
  }
  if (n > 0) push(mix(T_BI, ctxHash[n - 1], 1), 1);

  let pos = 0;
  let neg = 0;
  let pubPos = 0;
  let pubNeg = 0;
  for (let i = 0; i < n; i++) {
    if (polarity[i] > 0) pos += polarity[i];
    else neg -= polarity[i];
    if (publicPolarity[i] > 0) pubPos += publicPolarity[i];
    else pubNeg -= publicPolarity[i];
  }
  lexFeatures('s', pos, neg);
  lexFeatures('s', pubPos, pubNeg, T_PUB_LEX);
  if (mode === 'text') return out;

  for (let i = t0; i < t1; i++) push(mix(T_TARGET, wordHash[i]), 1);
  if (t1 - t0 === 1 && PRONOUNS.has(tokens[t0].norm)) flag('target-pronoun');
  if (t0 === 0) flag('target-first');
  if (t1 >= n - 1) flag('target-last');
  if (t0 < n && inQuote[t0]) flag('target-in-quote');

  push(mix(T_L1, t0 > 0 ? ctxHash[t0 - 1] : 0), 1);
  push(mix(T_L12, t0 > 1 ? ctxHash[t0 - 2] : 0, t0 > 0 ? ctxHash[t0 - 1] : 0), 1);
  push(mix(T_R1, t1 < n ? ctxHash[t1] : 0), 1);
  push(mix(T_R12, t1 < n ? ctxHash[t1] : 0, t1 + 1 < n ? ctxHash[t1 + 1] : 0), 1);

  // Speaker: "X said", "X, who said", "said X", "according to X".
  for (let i = t1; i < Math.min(n, t1 + 4); i++) {
    if (SPEECH_VERBS.has(tokens[i].norm)) {
      flag('speaker-before-verb');
      break;
    }
  }
  for (let i = Math.max(0, t0 - 3); i < t0; i++) {
    if (SPEECH_VERBS.has(tokens[i].norm)) {
      flag('speaker-after-verb');
      break;
    }
  }

  // Clause containing the target: between the nearest clause boundaries on each side.
  let c0 = t0;
  while (c0 > 0 && !isClauseBoundary(tokens[c0 - 1].norm)) c0--;
  let c1 = t1;
  while (c1 < n && !isClauseBoundary(tokens[c1].norm)) c1++;
  if (embedding) pushEmbeddingFeatures({ tokens, negated, t0, t1, c0, c1 }, embedding, push);

  const sums = new PolarSums();
  const targetQuoted = t0 < n && inQuote[t0] === 1;
  for (let i = 0; i < n; i++) {
    if (i >= t0 && i < t1) continue;
    const left = i < t0;
    const d = left ? t0 - i : i - t1 + 1;
    const h = negated[i] ? ctxHash[i] ^ NEG_SUFFIX : ctxHash[i];
    const b = distanceBucket(d);
    push(mix(T_POS, h, left ? b : 16 + b), 1);
    if (d <= WINDOW) push(mix(left ? T_LEFT : T_RIGHT, h), 1);
    if (d <= WINDOW) push(mix(T_STEM_SIDE, negated[i] ? stemHash[i] ^ NEG_SUFFIX : stemHash[i], left ? 1 : 2), 1);
    const inClause = i >= c0 && i < c1;
    if (inClause) push(mix(T_CLAUSE, h), 1);
    if (inQuote[i] && !targetQuoted) push(mix(T_QUOTE_WORD, h), 1);
    const p = polarity[i];
    if (p !== 0) {
      push(mix(T_LEX_WORD_SIDE, p > 0 ? 1 : 2, (left ? 0 : 8) + b), 1);
      sums.add(p, left, d, inClause, inQuote[i] === 1 && !targetQuoted);
    }
  }
  roleFeatures(tokens, t0, t1);

  // Polar words with another entity between them and the target are more likely about that entity.
  for (let i = 0; i < n; i++) {
    const p = polarity[i];
    if (p === 0 || (i >= t0 && i < t1)) continue;
    const blocked = i < t0 ? prevEnt > i : nextEnt < i;
    push(mix(T_LEX_BLOCK, p > 0 ? 1 : 2, blocked ? 1 : 0), 1);
  }
  sums.emit(T_LEX);
  publicLexiconFeatures(n, t0, t1, c0, c1, prevEnt, nextEnt, targetQuoted);
  return out;
}

/**
 * The lexicon features of the target mode again, from the public lexicons' polarities: each polar word by sign, side
 * and distance, and whether another entity stands between it and the target; sums in the window on each side, in the
 * clause and in quotes.
 */
function publicLexiconFeatures(
  n: number,
  t0: number,
  t1: number,
  c0: number,
  c1: number,
  prevEnt: number,
  nextEnt: number,
  targetQuoted: boolean,
): void {
  const sums = new PolarSums();
  for (let i = 0; i < n; i++) {
    if (i >= t0 && i < t1) continue;
    const p = publicPolarity[i];
    if (p === 0) continue;
    const left = i < t0;
    const d = left ? t0 - i : i - t1 + 1;
    push(mix(T_PUB_LEX_WORD_SIDE, p > 0 ? 1 : 2, (left ? 0 : 8) + distanceBucket(d)), 1);
    const blocked = left ? prevEnt > i : nextEnt < i;
    push(mix(T_PUB_LEX_BLOCK, p > 0 ? 1 : 2, blocked ? 1 : 0), 1);
    sums.add(p, left, d, i >= c0 && i < c1, inQuote[i] === 1 && !targetQuoted);
  }
  sums.emit(T_PUB_LEX);
}

/** A lexicon's positive and negative weight near the target: in the window on each side, in its clause, in quotes. */
class PolarSums {
  private wPosL = 0;
  private wNegL = 0;
  private wPosR = 0;
  private wNegR = 0;
  private cPos = 0;
  private cNeg = 0;
  private qPos = 0;
  private qNeg = 0;

  /** Adds polarity `p` of a word `d` tokens to the `left` of the target or right of it. */
  add(p: number, left: boolean, d: number, inClause: boolean, inOtherQuote: boolean): void {
    if (d <= WINDOW) {
      if (left && p > 0) this.wPosL += p;
      else if (left) this.wNegL -= p;
      else if (p > 0) this.wPosR += p;
      else this.wNegR -= p;
    }
    if (inClause && p > 0) this.cPos += p;
    else if (inClause) this.cNeg -= p;
    if (inOtherQuote && p > 0) this.qPos += p;
    else if (inOtherQuote) this.qNeg -= p;
  }

  emit(template: number): void {
    lexFeatures('wl', this.wPosL, this.wNegL, template);
    lexFeatures('wr', this.wPosR, this.wNegR, template);
    lexFeatures('c', this.cPos, this.cNeg, template);
    lexFeatures('q', this.qPos, this.qNeg, template);
  }
}

/**
 * Dependency-free approximation of the target's role in its clause: when only titles, determiners or names precede it,
 * it is read as the agent and the next words (its verb) are features; otherwise the three words before it (the verb
 * or preposition governing it, as in "X criticised Y") are features of a patient.
 */
function roleFeatures(tokens: readonly Token[], t0: number, t1: number): void {
  const n = tokens.length;
  let c0 = t0;
  while (c0 > 0 && !isRoleBoundary(tokens[c0 - 1].norm)) c0--;
  let c1 = t1;
  while (c1 < n && !isRoleBoundary(tokens[c1].norm)) c1++;
  let agent = true;
  for (let i = c0; i < t0; i++) if (!SUBJECT_PREFIX.has(tokens[i].norm) && !isEnt[i]) agent = false;
  if (agent) {
    flag('target-agent');
    for (let i = t1; i < Math.min(c1, t1 + 3); i++) push(mix(T_AGENT, negStem(i)), 1);
  } else {
    for (let i = Math.max(c0, t0 - 3); i < t0; i++) push(mix(T_PATIENT, negStem(i)), 1);
  }
}

/** Clause boundaries for role detection: punctuation plus conjunctions and relative pronouns that start a clause. */
function isRoleBoundary(norm: string): boolean {
  return isClauseBoundary(norm) || CLAUSE_LINKS.has(norm);
}

function negStem(i: number): number {
  return negated[i] ? stemHash[i] ^ NEG_SUFFIX : stemHash[i];
}

/** Lexicon sums as scaled real values plus a coarse sign indicator, so the model can learn nonlinear use of both. */
function lexFeatures(scope: string, pos: number, neg: number, template = T_LEX): void {
  const s = hashString(scope);
  push(mix(template, s, 1), Math.log1p(pos));
  push(mix(template, s, 2), Math.log1p(neg));
  const sign = pos > neg ? 3 : neg > pos ? 4 : pos > 0 ? 5 : 6;
  push(mix(template, s, sign), 1);
}

/** Fills the per-token scratch arrays: word hashes, negation scope, quotation scope and both lexicons' polarities. */
function annotate(tokens: readonly Token[]): void {
  let neg = false;
  let quote = false;
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].norm;
    if (isQuoteToken(w)) quote = w === '“' ? true : w === '”' ? false : !quote;
    if (isClauseBoundary(w)) neg = false;
    const info = wordInfo(w);
    wordHash[i] = info.hash;
    stemHash[i] = info.stemHash;
    negated[i] = neg ? 1 : 0;
    inQuote[i] = quote ? 1 : 0;
    const p = info.polarity;
    polarity[i] = neg ? -p : p;
    publicPolarity[i] = neg ? -info.publicPolarity : info.publicPolarity;
    if (NEGATORS.has(w) || w.endsWith("n't")) neg = true;
  }
}

/** Crude suffix stripper so inflections share a feature; the exact word is kept as well. */
function stem(w: string): string {
  if (w.length <= 4) return w;
  for (const suf of ['ations', 'ation', 'ings', 'ing', 'edly', 'ed', 'ies', 'es', 's', 'ly', 'ment', 'ers', 'er']) {
    if (w.endsWith(suf) && w.length - suf.length >= 3) return w.slice(0, -suf.length);
  }
  return w;
}
