import type { Sentiment } from '../analysis.types';
import { EmbeddingLogits, type EmbeddingFeatureOptions, type EmbeddingPool } from './embedding-features';
import { extractFeatures } from './feature-extractor';
import { LinearHead, LinearHeadJson } from './linear-head';
import { labelFor, NEUTRAL_BAND } from './sentiment-label';
import { WordVectors, WordVectorsJson } from './word-vectors';
// Loaded through the module system (resolveJsonModule), not the file system; the build copies the JSON assets.
import modelJson from './model/target-sentiment.model.json';
import wordVectorsJson from './model/word-vectors.json';

interface ModelJson {
  format: string;
  /** Dense word-vector features of the target head (absent: sparse features only). */
  embedding?: {
    pools: EmbeddingPool[];
    scale: number;
    window: number;
    flipNegated: boolean;
  };
  target: LinearHeadJson;
  text: LinearHeadJson;
}

const model = modelJson as unknown as ModelJson;
if (model.format !== 'chronicle-target-sentiment/2') throw new Error(`sentiment model: unknown format ${model.format}`);

const targetHead = LinearHead.fromJson(model.target);
const textHead = LinearHead.fromJson(model.text);
const probs = new Float64Array(3);

// The word vectors are decoded on the first target prediction, so importing the library stays cheap.
let embedding: EmbeddingFeatureOptions | undefined;

function targetEmbedding(): EmbeddingFeatureOptions | undefined {
  if (embedding === undefined && model.embedding !== undefined) {
    const { pools, scale } = model.embedding;
    const vectors = WordVectors.fromJson(wordVectorsJson as WordVectorsJson);
    embedding = { ...model.embedding, vectors, logits: new EmbeddingLogits(vectors, pools, scale, targetHead) };
  }
  return embedding;
}

/** Class probabilities [P(neg), P(neu), P(pos)] toward [start, end) of `text`. Returns shared scratch: copy to keep. */
export function targetProbabilities(text: string, start: number, end: number): Float64Array {
  const dense = targetEmbedding();
  targetHead.predict(extractFeatures(text, start, end, 'target', dense), probs, dense?.logits?.z);
  return probs;
}

/** Class probabilities [P(neg), P(neu), P(pos)] for the tone of the whole `text`. Returns shared scratch. */
export function textProbabilities(text: string): Float64Array {
  textHead.predict(extractFeatures(text, 0, text.length, 'text'), probs);
  return probs;
}

/**
 * Turns class probabilities into a Sentiment whose label is the most probable class and whose score still satisfies
 * `labelFor(score) === label`. The score is d = P(pos) − P(neg), mapped into the label's region of [-1, 1]:
 * neutral → (−t, t), positive → (t, 1], negative → [−1, −t), where t is the neutral band. Argmax decoding beat a
 * tuned threshold on d alone on both dev splits, and this keeps one score scale for callers that only see the number.
 */
export function sentimentFromProbabilities(p: ArrayLike<number>): Sentiment {
  const t = NEUTRAL_BAND;
  const d = p[2] - p[0];
  let score: number;
  if (p[1] >= p[0] && p[1] >= p[2]) score = Math.max(-0.999 * t, Math.min(0.999 * t, 2 * t * d));
  else if (p[2] > p[0]) score = t + 1e-6 + (1 - t - 1e-6) * Math.max(0, d);
  else score = -(t + 1e-6 + (1 - t - 1e-6) * Math.max(0, -d));
  return { score, label: labelFor(score) };
}
