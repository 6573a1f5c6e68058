import { decodeBase64, encodeBase64 } from './linear-head';

/** Serialized int8-quantised word-vector table (a subset of GloVe 100-d, see model/LICENSE-DATA.md). */
export interface WordVectorsJson {
  dimensions: number;
  /** The words, one per row, joined by '\n' (lower-cased, as the tokenizer normalises them). */
  words: string;
  /** Base64 of little-endian Float32 per-row scales: component j of row r is int8[r * dimensions + j] * scale[r]. */
  scales: string;
  /** Base64 of the int8 components, row-major. */
  vectors: string;
}

/** Read-only word → dense vector lookup over the quantised table (kept as int8 with per-row scales). */
export class WordVectors {
  private constructor(
    readonly dimensions: number,
    private readonly rowOf: ReadonlyMap<string, number>,
    private readonly components: Int8Array,
    private readonly scales: Float32Array,
  ) {}

  static fromJson(json: WordVectorsJson): WordVectors {
    const words = json.words.split('\n');
    const d = json.dimensions;
    const q = decodeBase64(json.vectors);
    const scales = new Float32Array(decodeBase64(json.scales).buffer);
    if (q.length !== words.length * d || scales.length !== words.length) {
      throw new Error(`word vectors: expected ${words.length} rows of ${d}, got ${q.length} components`);
    }
    const rowOf = new Map<string, number>();
    words.forEach((w, r) => rowOf.set(w, r));
    return new WordVectors(d, rowOf, new Int8Array(q.buffer), scales);
  }

  /** Quantises `vectors` (one Float32Array of `dimensions` per word) into the serialized form. */
  static toJson(words: readonly string[], vectors: readonly Float32Array[], dimensions: number): WordVectorsJson {
    const q = new Uint8Array(words.length * dimensions);
    const scales = new Float32Array(words.length);
    vectors.forEach((v, r) => {
      let maxAbs = 0;
      for (const x of v) maxAbs = Math.max(maxAbs, Math.abs(x));
      const s = maxAbs / 127 || 1;
      scales[r] = s;
      for (let j = 0; j < dimensions; j++) q[r * dimensions + j] = Math.round(v[j] / s) & 255;
    });
    return {
      dimensions,
      words: words.join('\n'),
      scales: encodeBase64(new Uint8Array(scales.buffer)),
      vectors: encodeBase64(q),
    };
  }

  /** Number of words (rows) in the table. */
  get rows(): number {
    return this.scales.length;
  }

  /**
   * Writes into `out[offset + c]`, for each of three classes c, the dot product of row `row`'s vector with the class-c
   * weights of a hashed 3-class table: component j weighs `weights[(hashes[j] & mask) * 3 + c]`, times `multiplier`.
   */
  projectRow(
    row: number,
    hashes: Uint32Array,
    mask: number,
    weights: Float32Array,
    multiplier: number,
    out: Float64Array,
    offset: number,
  ): void {
    const d = this.dimensions;
    const q = this.components;
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    for (let j = 0, k = row * d; j < d; j++, k++) {
      const b = (hashes[j] & mask) * 3;
      const x = q[k];
      z0 += x * weights[b];
      z1 += x * weights[b + 1];
      z2 += x * weights[b + 2];
    }
    const m = multiplier * this.scales[row];
    out[offset] = z0 * m;
    out[offset + 1] = z1 * m;
    out[offset + 2] = z2 * m;
  }

  /** Row of `word` (or of its stem without a possessive "'s"), or -1 when the table has no vector for it. */
  row(word: string): number {
    const row = this.rowOf.get(word);
    if (row !== undefined) return row;
    return word.endsWith("'s") ? (this.rowOf.get(word.slice(0, -2)) ?? -1) : -1;
  }

  /** Adds `weight` times the vector of table row `row` to `acc`. */
  addRow(row: number, weight: number, acc: Float32Array): void {
    const d = this.dimensions;
    const q = this.components;
    const w = weight * this.scales[row];
    for (let j = 0, k = row * d; j < d; j++, k++) acc[j] += w * q[k];
  }

  /** Raises `acc` component-wise to the vector of table row `row` where that is larger (max pooling). */
  maxRow(row: number, acc: Float32Array): void {
    const d = this.dimensions;
    const q = this.components;
    const s = this.scales[row];
    for (let j = 0, k = row * d; j < d; j++, k++) acc[j] = Math.max(acc[j], s * q[k]);
  }
}
