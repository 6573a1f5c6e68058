import { mix } from './feature-hashing';
import type { Token } from './tokenizer';
import type { WordVectors } from './word-vectors';

/** A pooled region of the sentence whose word vectors become dense features. */
export type EmbeddingPool =
  | 'left' // mean over the `window` nearest known words left of the target
  | 'right' // mean over the `window` nearest known words right of the target
  | 'left1' // the nearest known word left of the target
  | 'right1' // the nearest known word right of the target
  | 'clause' // mean over the target's clause
  | 'sentence' // mean over the sentence
  | 'decay' // mean over the sentence weighted by 1 / distance to the target
  | 'max' // component-wise max over the clause
  | 'target'; // mean over the target's own words

const POOL_SLOT: Record<EmbeddingPool, number> = {
  left: 1,
  right: 2,
  clause: 3,
  sentence: 4,
  decay: 5,
  max: 6,
  target: 7,
  left1: 8,
  right1: 9,
};

/** Dense word-vector features for the target head; part of the model (stored with its weights). */
export interface EmbeddingFeatureOptions {
  vectors: WordVectors;
  pools: readonly EmbeddingPool[];
  /** Multiplier on every pooled component, balancing the dense features against the 0/1 sparse ones. */
  scale: number;
  window: number;
  /** Subtract rather than add the vectors of words in a negation scope. */
  flipNegated: boolean;
  /**
   * At analysis time: add the dense features' share of the head's class scores here, instead of pushing one hashed
   * feature per component (training pushes them, to learn their weights).
   */
  logits?: EmbeddingLogits;
}

/** The weights of a hashed 3-class head, as the dense features index them. */
export interface HashedHeadWeights {
  weights: Float32Array;
  bits: number;
}

/**
 * The dense features' contribution to a trained head's three class scores, computed from each word's share. Pooling is
 * linear (weighted means) and so is the head, so the head's score for a pooled vector is the pool of the head's scores
 * for each word's vector: three numbers per word and pool, computed on a word's first use and kept, instead of pooling
 * 100 components and weighing each. Equal to the hashed features' contribution up to float rounding.
 */
export class EmbeddingLogits {
  /** Class scores [neg, neu, pos] added by the last `pushEmbeddingFeatures` call. */
  readonly z = new Float64Array(3);
  private readonly projected: Float64Array;
  private readonly known: Uint8Array;
  private readonly mask: number;

  constructor(
    private readonly vectors: WordVectors,
    private readonly pools: readonly EmbeddingPool[],
    private readonly scale: number,
    private readonly head: HashedHeadWeights,
  ) {
    if (pools.includes('max')) throw new Error('embedding logits: the max pool is not linear');
    this.projected = new Float64Array(vectors.rows * pools.length * 3);
    this.known = new Uint8Array(vectors.rows * pools.length);
    this.mask = (1 << head.bits) - 1;
  }

  /** Offset into `projected` of the head's scores for table row `row` in the pool at `poolIndex`. */
  scoresOf(row: number, poolIndex: number): number {
    const slot = row * this.pools.length + poolIndex;
    if (this.known[slot] === 0) {
      const hashes = hashesOf(POOL_SLOT[this.pools[poolIndex]], this.vectors.dimensions);
      this.vectors.projectRow(row, hashes, this.mask, this.head.weights, this.scale, this.projected, slot * 3);
      this.known[slot] = 1;
    }
    return slot * 3;
  }

  /** Adds `weight` times the scores at `offset` (from `scoresOf`) to `acc`. */
  addScores(offset: number, weight: number, acc: Float64Array): void {
    acc[0] += weight * this.projected[offset];
    acc[1] += weight * this.projected[offset + 1];
    acc[2] += weight * this.projected[offset + 2];
  }
}

/** The target's tokens [t0, t1) and its clause's [c0, c1) in a tokenized sentence, with the negation scope of each token. */
export interface TargetContext {
  tokens: readonly Token[];
  negated: Uint8Array;
  t0: number;
  t1: number;
  c0: number;
  c1: number;
}

/** Where a pool's words are: tokens first, first + step, ... up to (not including) last; at most `limit` of them. */
interface Region {
  first: number;
  last: number;
  step: 1 | -1;
  limit: number;
}

// Feature template of the dense components (numbering shared with feature-extractor.ts).
const T_EMBEDDING = 26;
const WORD_START = /^[\p{L}\p{N}]/u;

let pooled = new Float32Array(128);
/** Table row of each token's vector (-1: punctuation or unknown), looked up once per call for all pools. */
let rowOfToken = new Int32Array(256);
/** Feature hash of each (pool slot, component): fixed, so computed once. */
const componentHashes = new Map<number, Uint32Array>();

function hashesOf(slot: number, d: number): Uint32Array {
  let hashes = componentHashes.get(slot);
  if (hashes === undefined || hashes.length !== d) {
    hashes = Uint32Array.from({ length: d }, (_, j) => mix(T_EMBEDDING, slot, j));
    componentHashes.set(slot, hashes);
  }
  return hashes;
}

/**
 * Pushes one hashed feature per vector component per pool: words outside the target [t0, t1) (inside it for the
 * 'target' pool) whose vectors are known, pooled over the pool's region (the clause is [c0, c1)). Pools with no known
 * word contribute nothing.
 */
export function pushEmbeddingFeatures(
  context: TargetContext,
  options: EmbeddingFeatureOptions,
  push: (hash: number, value: number) => void,
): void {
  const { tokens } = context;
  const { vectors } = options;
  const d = vectors.dimensions;
  if (pooled.length < d) pooled = new Float32Array(d);
  if (rowOfToken.length < tokens.length) rowOfToken = new Int32Array(Math.max(tokens.length, rowOfToken.length * 2));
  for (let i = 0; i < tokens.length; i++) {
    rowOfToken[i] = WORD_START.test(tokens[i].norm) ? vectors.row(tokens[i].norm) : -1;
  }
  const { logits } = options;
  if (logits) {
    logits.z.fill(0);
    for (let p = 0; p < options.pools.length; p++) poolScores(logits, options.pools[p], p, context, options);
    return;
  }
  const acc = pooled.subarray(0, d);
  for (const pool of options.pools) {
    if (!poolInto(acc, pool, context, options)) continue;
    const hashes = hashesOf(POOL_SLOT[pool], d);
    for (let j = 0; j < d; j++) push(hashes[j], acc[j] * options.scale);
  }
}

const poolSum = new Float64Array(3);

/** Adds the head's scores for the pooled vector of `pool` to `logits.z` (nothing when no word of its region is known). */
function poolScores(
  logits: EmbeddingLogits,
  pool: EmbeddingPool,
  poolIndex: number,
  context: TargetContext,
  options: EmbeddingFeatureOptions,
): void {
  poolSum.fill(0);
  let total = 0;
  forEachPooledWord(pool, context, options.window, (i, row) => {
    const weight = poolWeight(pool, i, context, options.flipNegated);
    logits.addScores(logits.scoresOf(row, poolIndex), weight, poolSum);
    total += Math.abs(weight);
  });
  if (total === 0) return;
  for (let c = 0; c < 3; c++) logits.z[c] += poolSum[c] / total;
}

/** A word's weight in a mean pool: 1, or 1 / distance to the target in the decay pool; negative in a negation scope. */
function poolWeight(pool: EmbeddingPool, i: number, { t0, t1, negated }: TargetContext, flipNegated: boolean): number {
  const distance = i < t0 ? t0 - i : i - t1 + 1;
  return (pool === 'decay' ? 1 / distance : 1) * (flipNegated && negated[i] ? -1 : 1);
}

/** Calls `visit` with the token index and table row of each word `pool` takes, up to its limit of known words. */
function forEachPooledWord(
  pool: EmbeddingPool,
  context: TargetContext,
  window: number,
  visit: (i: number, row: number) => void,
): void {
  const { t0, t1 } = context;
  const { first, last, step, limit } = regionOf(pool, context, window);
  let counted = 0;
  for (let i = first; i !== last && counted < limit; i += step) {
    if (pool !== 'target' && i >= t0 && i < t1) continue;
    const row = rowOfToken[i];
    if (row < 0) continue;
    counted++;
    visit(i, row);
  }
}

function regionOf(pool: EmbeddingPool, { tokens, t0, t1, c0, c1 }: TargetContext, window: number): Region {
  const n = tokens.length;
  switch (pool) {
    case 'left':
    case 'left1':
      return { first: t0 - 1, last: -1, step: -1, limit: pool === 'left' ? window : 1 };
    case 'right':
    case 'right1':
      return { first: t1, last: n, step: 1, limit: pool === 'right' ? window : 1 };
    case 'clause':
    case 'max':
      return { first: c0, last: c1, step: 1, limit: n };
    case 'target':
      return { first: t0, last: t1, step: 1, limit: n };
    default:
      return { first: 0, last: n, step: 1, limit: n };
  }
}

/** Writes the pooled vector of `pool` into `acc`; false when no word of its region has a vector. */
function poolInto(acc: Float32Array, pool: EmbeddingPool, context: TargetContext, options: EmbeddingFeatureOptions): boolean {
  const { vectors } = options;
  acc.fill(pool === 'max' ? -Infinity : 0, 0, vectors.dimensions);
  let total = 0;
  forEachPooledWord(pool, context, options.window, (i, row) => {
    if (pool === 'max') {
      vectors.maxRow(row, acc);
      total = 1;
      return;
    }
    const weight = poolWeight(pool, i, context, options.flipNegated);
    vectors.addRow(row, weight, acc);
    total += Math.abs(weight);
  });
  if (total === 0) return false;
  if (pool !== 'max') for (let j = 0; j < vectors.dimensions; j++) acc[j] /= total;
  return true;
}
