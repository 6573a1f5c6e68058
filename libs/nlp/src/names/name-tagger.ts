import { decodeBase64 } from '../sentiment/linear-head';
import { taggerLexicon } from './tagger-lexicon';
import { wordClusters } from './word-clusters';

/** Tags of the name tagger (IOB2). Index order is part of the model format. */
export const NAME_TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type NameTag = (typeof NAME_TAGS)[number];
export const TAG_COUNT = NAME_TAGS.length;

/** A typed name span over token indices [start, end) of a tagged sentence. */
export interface NameSpan {
  start: number;
  end: number;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
}

/** The serialised model: feature strings and quantised per-tag weights, plus tag-bigram transitions. */
export interface NameTaggerModelJson {
  format: 'chronicle-name-tagger/1';
  /** Feature strings joined by '\n', in weight-row order. */
  features: string;
  /** Base64 of little-endian Int16 weights, row-major [feature][tag]. */
  weights: string;
  /** Weight = int16 * scale. */
  scale: number;
  /** (TAG_COUNT + 1) x TAG_COUNT: row TAG_COUNT is the sentence start. */
  transitions: number[];
}

function shapeOf(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const c = ch >= '0' && ch <= '9' ? 'd' : ch !== ch.toLowerCase() ? 'X' : ch !== ch.toUpperCase() ? 'x' : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

function longShape(word: string): string {
  let out = '';
  for (const ch of word.length > 8 ? word.slice(0, 8) : word)
    out += ch >= '0' && ch <= '9' ? 'd' : ch !== ch.toLowerCase() ? 'X' : ch !== ch.toUpperCase() ? 'x' : ch;
  return out;
}

/** What the features need to know about one word on its own (cached by the tagger). */
interface WordInfo {
  lower: string;
  shape: string;
  lex: string;
  /** Word-vector cluster ids, coarse to fine (word-clusters.ts). */
  clusters: readonly string[];
}

function wordInfo(word: string): WordInfo {
  const lower = word.toLowerCase();
  return { lower, shape: shapeOf(word), lex: taggerLexicon().flags(word), clusters: wordClusters().of(lower) };
}

/** `c<g><side>=<id>` for each cluster granularity g of a word (side '' for the token itself, '-1', '+1'). */
function clusterFeatures(clusters: readonly string[], side: '' | '-1' | '+1'): string[] {
  return clusters.map((id, g) => `c${g}${side}=${id}`);
}

/** The same features for a neighbour outside the sentence (`edge` '<s>' or '</s>'), at every granularity. */
function edgeClusterFeatures(edge: '<s>' | '</s>'): string[] {
  return wordClusters().sizes.map((_, g) => `c${g}${edge === '<s>' ? '-1' : '+1'}=${edge}`);
}

/** Features of a word on its own, whatever its context. */
function intrinsicFeatures(word: string, info: WordInfo): string[] {
  const lw = info.lower;
  return [
    'b',
    `w=${lw}`,
    `W=${word}`,
    `s=${info.shape}`,
    `ls=${longShape(word)}`,
    `p1=${lw.slice(0, 1)}`,
    `p2=${lw.slice(0, 2)}`,
    `p3=${lw.slice(0, 3)}`,
    `x1=${lw.slice(-1)}`,
    `x2=${lw.slice(-2)}`,
    `x3=${lw.slice(-3)}`,
    `x4=${lw.slice(-4)}`,
    `l=${info.lex}`,
    ...clusterFeatures(info.clusters, ''),
  ];
}

/** A sentence in capitals ('S'), where casing says little, or '' . */
function shoutingFlag(words: readonly string[]): string {
  let letters = 0;
  let caps = 0;
  for (const w of words) {
    if (/[A-Za-z]/.test(w)) {
      letters += 1;
      if (w === w.toUpperCase()) caps += 1;
    }
  }
  return letters >= 3 && caps / letters > 0.7 ? 'S' : '';
}

/** Features of token i that depend on its neighbours or on the sentence. */
function contextFeatures(infos: readonly WordInfo[], i: number, shouting: string): string[] {
  const n = infos.length;
  const w = (k: number): string => (k < 0 ? '<s>' : k >= n ? '</s>' : infos[k]!.lower);
  const s = (k: number): string => (k < 0 ? '<s>' : k >= n ? '</s>' : infos[k]!.shape);
  const lw = infos[i]!.lower;
  const shape = infos[i]!.shape;
  return [
    `l-1=${i > 0 ? infos[i - 1]!.lex : '<s>'}`,
    `l+1=${i + 1 < n ? infos[i + 1]!.lex : '</s>'}`,
    `w-1=${w(i - 1)}`,
    `w+1=${w(i + 1)}`,
    `w-2=${w(i - 2)}`,
    `w+2=${w(i + 2)}`,
    `s-1=${s(i - 1)}`,
    `s+1=${s(i + 1)}`,
    `s-1s=${s(i - 1)}|${shape}`,
    `ss+1=${shape}|${s(i + 1)}`,
    `w-1w=${w(i - 1)}|${lw}`,
    `ww+1=${lw}|${w(i + 1)}`,
    `first=${i === 0 ? shape : '-'}`,
    `S=${shouting}`,
    `Sw=${shouting}${lw}`,
    `Ss=${shouting}${shape}`,
    ...(i > 0 ? clusterFeatures(infos[i - 1]!.clusters, '-1') : edgeClusterFeatures('<s>')),
    ...(i + 1 < n ? clusterFeatures(infos[i + 1]!.clusters, '+1') : edgeClusterFeatures('</s>')),
  ];
}

/**
 * Per-token feature strings of one sentence (training side; the tagger computes the same strings with a word cache).
 * Any change here needs a retrained model.
 */
export function sentenceFeatures(words: readonly string[]): string[][] {
  const infos = words.map(wordInfo);
  const shouting = shoutingFlag(words);
  return words.map((word, i) => [...intrinsicFeatures(word, infos[i]!), ...contextFeatures(infos, i, shouting)]);
}

/** IOB2 spans of a tag-index sequence (ill-formed I- tags open a span). */
export function spansOfTags(tags: ArrayLike<number>): NameSpan[] {
  const spans: NameSpan[] = [];
  let open: NameSpan | null = null;
  for (let i = 0; i <= tags.length; i += 1) {
    const tag = i < tags.length ? NAME_TAGS[tags[i]!]! : 'O';
    const type = tag === 'O' ? null : (tag.slice(2) as NameSpan['type']);
    if (open && (tag === 'O' || tag.startsWith('B-') || type !== open.type)) {
      open.end = i;
      spans.push(open);
      open = null;
    }
    if (type && !open) open = { start: i, end: i + 1, type };
  }
  return spans;
}

/** True when `to` may follow `from` in IOB2 (`from` = TAG_COUNT at sentence start). */
export function allowedTransition(from: number, to: number): boolean {
  const tag = NAME_TAGS[to]!;
  if (!tag.startsWith('I-')) return true;
  if (from === TAG_COUNT) return false;
  return NAME_TAGS[from]!.slice(2) === tag.slice(2);
}

/**
 * First-order Viterbi over per-token tag scores plus transition scores. `emissions` is n x TAG_COUNT;
 * `transitions` is (TAG_COUNT + 1) x TAG_COUNT. Disallowed IOB2 transitions are never taken.
 */
export function viterbi(emissions: Float64Array, n: number, transitions: ArrayLike<number>): Uint8Array {
  const tags = new Uint8Array(n);
  if (n === 0) return tags;
  const back = new Uint8Array(n * TAG_COUNT);
  readBestPath(forwardBest(emissions, n, transitions, back), back, n, tags);
  return tags;
}

/**
 * The forward pass: entry [i][t] is the best score of a tag prefix ending with tag t at token i; `back`, when
 * given, receives each entry's best previous tag.
 */
function forwardBest(
  emissions: Float64Array,
  n: number,
  transitions: ArrayLike<number>,
  back?: Uint8Array,
  into?: Float64Array,
): Float64Array {
  const T = TAG_COUNT;
  const fwd = into ?? new Float64Array(n * T);
  if (n === 0) return fwd;
  for (let t = 0; t < T; t += 1) fwd[t] = allowedTransition(T, t) ? emissions[t]! + transitions[T * T + t]! : -Infinity;
  for (let i = 1; i < n; i += 1) {
    for (let t = 0; t < T; t += 1) {
      // The allowed previous tags in increasing order, so a tie keeps the lowest, as a scan of all of them would.
      const from = PREDECESSORS[t]!;
      let max = -Infinity;
      let arg = 0;
      for (let k = 0; k < from.length; k += 1) {
        const p = from[k]!;
        const v = fwd[(i - 1) * T + p]! + transitions[p * T + t]!;
        if (v > max) {
          max = v;
          arg = p;
        }
      }
      fwd[i * T + t] = max + emissions[i * T + t]!;
      if (back) back[i * T + t] = arg;
    }
  }
  return fwd;
}

/** Writes into `tags` the path the forward pass's back-pointers give from its best last tag (n > 0). */
function readBestPath(fwd: Float64Array, back: Uint8Array, n: number, tags: Uint8Array): void {
  const T = TAG_COUNT;
  let last = 0;
  for (let t = 1; t < T; t += 1) if (fwd[(n - 1) * T + t]! > fwd[(n - 1) * T + last]!) last = t;
  tags[n - 1] = last;
  for (let i = n - 1; i > 0; i -= 1) tags[i - 1] = back[i * T + tags[i]!]!;
}

/**
 * Typed arrays one tagger reuses from sentence to sentence (grown, never shrunk): a sentence's emissions and its
 * chain's passes, which it reads before the next sentence. Allocated per sentence (four arrays of a few kilobytes,
 * outside V8's heap), they cost malloc, free and V8's sweeping of their buffers: over 3,000 pipeline-bench articles
 * the extractor took 1.11–1.36 ms of CPU each with them, 0.95–1.03 ms without (alternated runs, same output).
 */
export class ChainBuffers {
  emissions = new Float64Array(0);
  forward = new Float64Array(0);
  backward = new Float64Array(0);
  back = new Uint8Array(0);

  /** Makes every buffer hold at least `cells` entries (n tokens times TAG_COUNT); their contents are undefined. */
  reserve(cells: number): this {
    if (cells <= this.back.length) return this;
    const size = Math.max(cells, this.back.length * 2);
    this.emissions = new Float64Array(size);
    this.forward = new Float64Array(size);
    this.backward = new Float64Array(size);
    this.back = new Uint8Array(size);
    return this;
  }
}

/**
 * Max-marginals of a first-order chain: entry [i][t] is the best score of a whole tag sequence that gives token i
 * tag t (forward best-prefix plus backward best-suffix scores). Disallowed IOB2 transitions are never taken. When
 * `tags` is given it also receives the Viterbi path, read off the same forward pass. With `buffers` (reserved for
 * n tokens) the passes use them, and the result is `buffers.forward`, valid until their next use.
 */
export function viterbiMaxMarginals(
  emissions: Float64Array,
  n: number,
  transitions: ArrayLike<number>,
  tags?: Uint8Array,
  buffers?: ChainBuffers,
): Float64Array {
  const T = TAG_COUNT;
  if (n === 0) return new Float64Array(0);
  const back = tags ? (buffers?.back ?? new Uint8Array(n * T)) : undefined;
  const fwd = forwardBest(emissions, n, transitions, back, buffers?.forward);
  const bwd = buffers?.backward.fill(0, (n - 1) * T, n * T) ?? new Float64Array(n * T);
  if (tags && back) readBestPath(fwd, back, n, tags);
  for (let i = n - 2; i >= 0; i -= 1) {
    for (let p = 0; p < T; p += 1) {
      const to = SUCCESSORS[p]!;
      let max = -Infinity;
      for (let k = 0; k < to.length; k += 1) {
        const t = to[k]!;
        const v = transitions[p * T + t]! + emissions[(i + 1) * T + t]! + bwd[(i + 1) * T + t]!;
        if (v > max) max = v;
      }
      bwd[i * T + p] = max;
    }
  }
  for (let k = 0; k < n * T; k += 1) fwd[k]! += bwd[k]!;
  return fwd;
}

/** Per tag, the tags that may precede it (IOB2), in increasing order: 9 for O and B-, 2 for I-. */
const PREDECESSORS = NAME_TAGS.map((_, t) => Uint8Array.from(NAME_TAGS.keys()).filter((p) => allowedTransition(p, t)));
/** Per tag, the tags that may follow it. */
const SUCCESSORS = NAME_TAGS.map((_, p) => Uint8Array.from(NAME_TAGS.keys()).filter((t) => allowedTransition(p, t)));

/** Words remembered by a tagger; the cache is cleared when full, so memory stays bounded in long-running services. */
const WORD_CACHE_LIMIT = 50_000;

type Weights = Float32Array | undefined;

interface CachedWord {
  info: WordInfo;
  /** Summed weights of the word's intrinsic features. */
  scores: Float32Array;
  /**
   * Weights of the context features this word gives its neighbours (`contextFeatures`, looked up once per word
   * instead of once per token), summed where a token adds them together: `scores` with the word's own `Sw=` and `Ss=`
   * in a sentence that is not shouting and in one that is, and its three features as the word before (`l-1`, `w-1`,
   * `s-1`) and after (`l+1`, `w+1`, `s+1`). Float64 sums of the model's Float32 weights (int16 times one scale) are
   * exact, so summing them ahead changes no emission by a bit.
   */
  sums: { calm: Float64Array; shouting: Float64Array; asPrevious: Float64Array; asNext: Float64Array };
  /** `w-2` and `w+2`: the word two away. */
  asSecondPrevious: Weights;
  asSecondNext: Weights;
  /** `first=` when the word opens its sentence. */
  first: Weights;
  /** The pair features with this word on the left, by the right-hand value. */
  pairs: PairsOnTheLeft;
}

/** Pair features (`s-1s`, `ss+1`, `w-1w`, `ww+1`) of one left-hand word or shape, by their right-hand value. */
interface PairsOnTheLeft {
  /** `s-1s=<this shape>|…`: this word before the token. */
  shapeBefore: RightHand;
  /** `ss+1=<this shape>|…`: this word is the token. */
  shapeThen: RightHand;
  wordBefore: RightHand;
  wordThen: RightHand;
}

type RightHand = ReadonlyMap<string, Float32Array> | undefined;

const PAIR_PREFIXES = ['s-1s=', 'ss+1=', 'w-1w=', 'ww+1='] as const;
type PairPrefix = (typeof PAIR_PREFIXES)[number];

/**
 * The pair features split into left and right values, so a token's pairs are found without building their strings.
 * A value may itself contain '|', so a feature is filed under every split at a '|': a lookup of (left, right) then
 * finds exactly the feature named `left|right`, as a lookup by the whole string would.
 */
function pairIndex(weights: ReadonlyMap<string, Float32Array>): Map<PairPrefix, Map<string, Map<string, Float32Array>>> {
  const index = new Map(PAIR_PREFIXES.map((prefix) => [prefix, new Map<string, Map<string, Float32Array>>()]));
  for (const [feature, w] of weights) {
    const prefix = PAIR_PREFIXES.find((p) => feature.startsWith(p));
    if (!prefix) continue;
    const byLeft = index.get(prefix)!;
    for (let bar = feature.indexOf('|', prefix.length); bar >= 0; bar = feature.indexOf('|', bar + 1)) {
      const left = feature.slice(prefix.length, bar);
      let byRight = byLeft.get(left);
      if (!byRight) byLeft.set(left, (byRight = new Map()));
      byRight.set(feature.slice(bar + 1), w);
    }
  }
  return index;
}

/** Weights of the context features whose neighbour lies outside the sentence. */
interface EdgeWeights {
  /** `l-1`, `w-1` and `s-1` of the sentence start, summed; `l+1`, `w+1` and `s+1` of its end. */
  previousSum: Float64Array;
  nextSum: Float64Array;
  /** `first=-` with `S=` of a calm sentence, and of a shouting one: what every token but the first adds. */
  laterCalm: Float64Array;
  laterShouting: Float64Array;
  wordSecondPrevious: Weights;
  wordSecondNext: Weights;
  /** `S=` of a calm sentence, and of a shouting one (the first token adds it with its own `first=`). */
  calm: Weights;
  shouting: Weights;
  /** Pairs whose left-hand value is the sentence start. */
  startPairs: PairsOnTheLeft;
}

/** The entity type of each tag index ('' for O), so margins compare types without slicing strings. */
const TAG_TYPES = NAME_TAGS.map((tag) => tag.slice(2));

/** TAG_COUNT as a module-local constant: the compiled module reads exported constants through `exports`. */
const TAGS = NAME_TAGS.length;

function addWeights(emissions: Float64Array, offset: number, w: Weights | Float64Array): void {
  if (!w) return;
  for (let t = 0; t < TAGS; t += 1) emissions[offset + t]! += w[t]!;
}

/** The sum of the given weight vectors (absent ones add nothing), in float64. */
function summed(...vectors: ReadonlyArray<Weights | Float64Array>): Float64Array {
  const sum = new Float64Array(TAGS);
  for (const w of vectors) addWeights(sum, 0, w);
  return sum;
}

/** An averaged-perceptron name tagger (PER, ORG, LOC, MISC). Decoded once; tagging depends only on the words. */
export class NameTagger {
  private readonly cache = new Map<string, CachedWord>();
  /** Scratch for one sentence at a time: tagging is synchronous, so no two sentences share it. */
  private readonly buffers = new ChainBuffers();
  private readonly edge: EdgeWeights;
  private readonly pairs: Map<PairPrefix, Map<string, Map<string, Float32Array>>>;

  private constructor(
    private readonly weights: ReadonlyMap<string, Float32Array>,
    private readonly transitions: Float64Array,
  ) {
    const get = (feature: string): Weights => weights.get(feature);
    this.pairs = pairIndex(weights);
    this.edge = {
      previousSum: summed(get('l-1=<s>'), get('w-1=<s>'), get('s-1=<s>'), ...edgeClusterFeatures('<s>').map(get)),
      nextSum: summed(get('l+1=</s>'), get('w+1=</s>'), get('s+1=</s>'), ...edgeClusterFeatures('</s>').map(get)),
      laterCalm: summed(get('first=-'), get('S=')),
      laterShouting: summed(get('first=-'), get('S=S')),
      wordSecondPrevious: get('w-2=<s>'),
      wordSecondNext: get('w+2=</s>'),
      calm: get('S='),
      shouting: get('S=S'),
      startPairs: this.pairsOnTheLeft('<s>', '<s>'),
    };
  }

  private pairsOnTheLeft(lower: string, shape: string): PairsOnTheLeft {
    const right = (prefix: PairPrefix, left: string): RightHand => this.pairs.get(prefix)!.get(left);
    return {
      shapeBefore: right('s-1s=', shape),
      shapeThen: right('ss+1=', shape),
      wordBefore: right('w-1w=', lower),
      wordThen: right('ww+1=', lower),
    };
  }

  static fromJson(json: NameTaggerModelJson): NameTagger {
    if (json.format !== 'chronicle-name-tagger/1') throw new Error(`name tagger: unknown format ${String(json.format)}`);
    const names = json.features.split('\n');
    const bytes = decodeBase64(json.weights);
    if (bytes.length !== names.length * TAG_COUNT * 2)
      throw new Error(`name tagger: ${names.length} features but ${bytes.length / 2} weights`);
    const all = new Float32Array(names.length * TAG_COUNT);
    for (let i = 0; i < all.length; i += 1) {
      const u = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
      all[i] = (u >= 0x8000 ? u - 0x10000 : u) * json.scale;
    }
    const weights = new Map<string, Float32Array>();
    names.forEach((name, i) => weights.set(name, all.subarray(i * TAG_COUNT, (i + 1) * TAG_COUNT)));
    return new NameTagger(weights, Float64Array.from(json.transitions));
  }

  /** Tag indices (into NAME_TAGS) for one sentence of words. */
  tag(words: readonly string[]): Uint8Array {
    return this.tagWithMargins(words).tags;
  }

  /**
   * Tags plus, per token, a confidence: how far the best whole-sentence score lies above the best score of any tag
   * sequence that gives this token a tag of another entity type or O (max-marginals from a forward and a backward
   * Viterbi pass, so transitions count as much as the word's own features). Always 0 or more.
   */
  tagWithMargins(words: readonly string[]): { tags: Uint8Array; margins: Float32Array } {
    const emissions = this.buffers.reserve(words.length * TAG_COUNT).emissions;
    this.score(words, emissions);
    return this.decode(emissions, words.length);
  }

  /** The Viterbi tags of n x TAG_COUNT emissions (from `score`, perhaps with more added). */
  bestTags(emissions: Float64Array, n: number): Uint8Array {
    const tags = new Uint8Array(n);
    if (n === 0) return tags;
    const buffers = this.buffers.reserve(n * TAG_COUNT);
    readBestPath(forwardBest(emissions, n, this.transitions, buffers.back, buffers.forward), buffers.back, n, tags);
    return tags;
  }

  /**
   * Writes the n x TAG_COUNT emission scores of one sentence's words into `emissions` from index 0 (the caller sizes
   * it), for `decode` or `bestTags`.
   */
  score(words: readonly string[], emissions: Float64Array): void {
    const n = words.length;
    const cached = words.map((w) => this.word(w));
    const shouting = shoutingFlag(words) === 'S';
    const edge = this.edge;
    const sentence = shouting ? edge.shouting : edge.calm;
    // The features of `contextFeatures`, each found through the neighbouring words' cache entries instead of by its
    // string; those that come together per word or per sentence are added as their sums (exact, see CachedWord.sums).
    const later = shouting ? edge.laterShouting : edge.laterCalm;
    for (let i = 0; i < n; i += 1) {
      const at = i * TAGS;
      const word = cached[i]!;
      const previous = i > 0 ? cached[i - 1]! : undefined;
      const next = i + 1 < n ? cached[i + 1]! : undefined;
      const before = previous ? previous.pairs : edge.startPairs;
      const nextLower = next ? next.info.lower : '</s>';
      const nextShape = next ? next.info.shape : '</s>';
      const own = shouting ? word.sums.shouting : word.sums.calm;
      for (let t = 0; t < TAGS; t += 1) emissions[at + t] = own[t]!;
      addWeights(emissions, at, previous ? previous.sums.asPrevious : edge.previousSum);
      addWeights(emissions, at, next ? next.sums.asNext : edge.nextSum);
      addWeights(emissions, at, i > 1 ? cached[i - 2]!.asSecondPrevious : edge.wordSecondPrevious);
      addWeights(emissions, at, i + 2 < n ? cached[i + 2]!.asSecondNext : edge.wordSecondNext);
      addWeights(emissions, at, before.shapeBefore?.get(word.info.shape));
      addWeights(emissions, at, word.pairs.shapeThen?.get(nextShape));
      addWeights(emissions, at, before.wordBefore?.get(word.info.lower));
      addWeights(emissions, at, word.pairs.wordThen?.get(nextLower));
      if (i === 0) {
        addWeights(emissions, at, word.first);
        addWeights(emissions, at, sentence);
      } else addWeights(emissions, at, later);
    }
  }

  /** Tags and margins (as `tagWithMargins` gives them) of n x TAG_COUNT emissions; `emissions` is only read. */
  decode(emissions: Float64Array, n: number): { tags: Uint8Array; margins: Float32Array } {
    const buffers = this.buffers.reserve(n * TAG_COUNT);
    const tags = new Uint8Array(n);
    const maxMarginals = viterbiMaxMarginals(emissions, n, this.transitions, tags, buffers);
    const margins = new Float32Array(n);
    for (let i = 0; i < n; i += 1) {
      const chosen = TAG_TYPES[tags[i]!]!;
      let own = -Infinity;
      let other = -Infinity;
      for (let t = 0; t < TAG_COUNT; t += 1) {
        const v = maxMarginals[i * TAG_COUNT + t]!;
        if (TAG_TYPES[t] === chosen) own = Math.max(own, v);
        else other = Math.max(other, v);
      }
      margins[i] = own - other;
    }
    return { tags, margins };
  }

  /** Typed name spans of one sentence. */
  spans(words: readonly string[]): NameSpan[] {
    return spansOfTags(this.tag(words));
  }

  private word(word: string): CachedWord {
    let entry = this.cache.get(word);
    if (entry) return entry;
    const info = wordInfo(word);
    const scores = new Float32Array(TAG_COUNT);
    for (const f of intrinsicFeatures(word, info)) {
      const w = this.weights.get(f);
      if (!w) continue;
      for (let t = 0; t < TAG_COUNT; t += 1) scores[t]! += w[t]!;
    }
    if (this.cache.size >= WORD_CACHE_LIMIT) this.cache.clear();
    const get = (feature: string): Weights => this.weights.get(feature);
    const asPrevious = {
      lex: get(`l-1=${info.lex}`),
      word: get(`w-1=${info.lower}`),
      shape: get(`s-1=${info.shape}`),
      clusters: clusterFeatures(info.clusters, '-1').map(get),
    };
    const asNext = {
      lex: get(`l+1=${info.lex}`),
      word: get(`w+1=${info.lower}`),
      shape: get(`s+1=${info.shape}`),
      clusters: clusterFeatures(info.clusters, '+1').map(get),
    };
    const calm = { word: get(`Sw=${info.lower}`), shape: get(`Ss=${info.shape}`) };
    const shouting = { word: get(`Sw=S${info.lower}`), shape: get(`Ss=S${info.shape}`) };
    entry = {
      info,
      scores,
      sums: {
        calm: summed(scores, calm.word, calm.shape),
        shouting: summed(scores, shouting.word, shouting.shape),
        asPrevious: summed(asPrevious.lex, asPrevious.word, asPrevious.shape, ...asPrevious.clusters),
        asNext: summed(asNext.lex, asNext.word, asNext.shape, ...asNext.clusters),
      },
      asSecondPrevious: get(`w-2=${info.lower}`),
      asSecondNext: get(`w+2=${info.lower}`),
      first: get(`first=${info.shape}`),
      pairs: this.pairsOnTheLeft(info.lower, info.shape),
    };
    this.cache.set(word, entry);
    return entry;
  }
}
