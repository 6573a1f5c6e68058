/**
 * The structured averaged perceptron behind the name tagger (first-order Viterbi over IOB2 tags), shared by
 * train-name-tagger.ts (the sentence model) and train-document-tagger.ts (its cross-validated first pass).
 */
import { NAME_TAGS, TAG_COUNT, sentenceFeatures, spansOfTags, viterbi } from '../src/names/name-tagger';
import type { ConllSentence } from '../scripts/eval/dev-split-readers';
// Relative import: this script runs under vite-node, outside the @chronicle/* path aliases.
import { seededRandom } from '../../domain/src/seeded-random';

const T = TAG_COUNT;
const START = T; // transition row of the sentence start

export interface Encoded {
  /** Feature ids per token, flattened, with offsets[i]..offsets[i+1] for token i. */
  ids: Int32Array;
  offsets: Int32Array;
  gold: Uint8Array;
}

/** Averaged weights: [feature][tag] emissions and (TAG_COUNT + 1) x TAG_COUNT transitions. */
export interface PerceptronWeights {
  emissions: Float64Array;
  transitions: Float64Array;
}

/** IOB1 (CoNLL) to IOB2 tag indices. */
export function toIob2(tags: readonly string[]): Uint8Array {
  const out = new Uint8Array(tags.length);
  tags.forEach((tag, i) => {
    if (tag === 'O') return;
    const type = tag.slice(2);
    const prev = i > 0 ? tags[i - 1]! : 'O';
    const begins = tag.startsWith('B-') || prev === 'O' || prev.slice(2) !== type;
    out[i] = NAME_TAGS.indexOf(`${begins ? 'B' : 'I'}-${type}` as (typeof NAME_TAGS)[number]);
  });
  return out;
}

/** Feature ids of each sentence; with `grow`, unseen features are added to `vocab`, otherwise skipped. */
export function encode(sentences: readonly ConllSentence[], vocab: Map<string, number>, grow: boolean): Encoded[] {
  return sentences.map((s) => {
    const feats = sentenceFeatures(s.words);
    const ids: number[] = [];
    const offsets = [0];
    for (const tokenFeats of feats) {
      for (const f of tokenFeats) {
        let id = vocab.get(f);
        if (id === undefined && grow) {
          id = vocab.size;
          vocab.set(f, id);
        }
        if (id !== undefined) ids.push(id);
      }
      offsets.push(ids.length);
    }
    return { ids: Int32Array.from(ids), offsets: Int32Array.from(offsets), gold: toIob2(s.tags) };
  });
}

/** n x TAG_COUNT emission scores of one sentence. */
export function emissions(e: Encoded, w: Float64Array): Float64Array {
  const n = e.gold.length;
  const out = new Float64Array(n * T);
  for (let i = 0; i < n; i += 1)
    for (let k = e.offsets[i]!; k < e.offsets[i + 1]!; k += 1) {
      const base = e.ids[k]! * T;
      for (let t = 0; t < T; t += 1) out[i * T + t]! += w[base + t]!;
    }
  return out;
}

/** The shipped sentence model's training settings (train-name-tagger.ts defaults; its document pass trains fold models with them). */
export const SENTENCE_MODEL_SETTINGS = { epochs: 8, seed: 13, prune: 0.5 } as const;

/**
 * Trains on `train` for `epochs` passes in an order shuffled by the seeded PRNG (deterministic), with the lazy-average
 * trick (avg = w - u / c). `onEpoch` sees each epoch's token errors and its averaged weights.
 */
export function trainPerceptron(
  train: readonly Encoded[],
  featureCount: number,
  { epochs, seed }: { epochs: number; seed: number },
  onEpoch?: (epoch: number, errors: number, weights: PerceptronWeights) => void,
): PerceptronWeights {
  const w = new Float64Array(featureCount * T);
  const u = new Float64Array(featureCount * T);
  const tw = new Float64Array((T + 1) * T);
  const tu = new Float64Array((T + 1) * T);
  let c = 1;
  const random = seededRandom(seed);
  const order = train.map((_, i) => i);
  const averaged = (): PerceptronWeights => ({
    emissions: w.map((x, i) => x - u[i]! / c),
    transitions: tw.map((x, i) => x - tu[i]! / c),
  });

  for (let epoch = 1; epoch <= epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const idx of order) {
      const e = train[idx]!;
      const n = e.gold.length;
      const pred = viterbi(emissions(e, w), n, tw);
      for (let i = 0; i < n; i += 1) {
        const g = e.gold[i]!;
        const p = pred[i]!;
        const gPrev = i > 0 ? e.gold[i - 1]! : START;
        const pPrev = i > 0 ? pred[i - 1]! : START;
        if (g !== p) {
          errors += 1;
          for (let k = e.offsets[i]!; k < e.offsets[i + 1]!; k += 1) {
            const base = e.ids[k]! * T;
            w[base + g]! += 1;
            u[base + g]! += c;
            w[base + p]! -= 1;
            u[base + p]! -= c;
          }
        }
        if (g !== p || gPrev !== pPrev) {
          tw[gPrev * T + g]! += 1;
          tu[gPrev * T + g]! += c;
          tw[pPrev * T + p]! -= 1;
          tu[pPrev * T + p]! -= c;
        }
      }
      c += 1;
    }
    onEpoch?.(epoch, errors, averaged());
  }
  return averaged();
}

/** Exact-match entity F1 per type (percent, one decimal) of predicted against gold tag sequences. */
export function entityF1(gold: readonly ArrayLike<number>[], predicted: readonly ArrayLike<number>[]): Record<string, number> {
  const counts: Record<string, [number, number, number]> = { PER: [0, 0, 0], ORG: [0, 0, 0], LOC: [0, 0, 0], MISC: [0, 0, 0] };
  const key = (s: { start: number; end: number; type: string }): string => `${s.start}:${s.end}:${s.type}`;
  gold.forEach((tags, k) => {
    const goldSpans = spansOfTags(tags);
    const goldKeys = new Set(goldSpans.map(key));
    for (const g of goldSpans) counts[g.type]![1] += 1;
    for (const p of spansOfTags(predicted[k]!)) {
      counts[p.type]![2] += 1;
      if (goldKeys.has(key(p))) counts[p.type]![0] += 1;
    }
  });
  return Object.fromEntries(
    Object.entries(counts).map(([k, [tp, g, p]]) => {
      const pr = p ? tp / p : 0;
      const r = g ? tp / g : 0;
      return [k, Math.round((pr + r ? (200 * pr * r) / (pr + r) : 0) * 10) / 10];
    }),
  );
}
