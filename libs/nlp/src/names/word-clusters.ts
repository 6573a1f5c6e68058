// Loaded through the module system (resolveJsonModule), not the file system; the build copies the JSON asset.
import clustersJson from './model/word-clusters.json';

/**
 * Serialised word clusters: k-means over the shipped GloVe word vectors at several granularities (see
 * libs/nlp/training/cluster-word-vectors.ts). Line r of `clusters` holds word r's cluster ids, one per size, in base 36
 * joined by '.'.
 */
export interface WordClustersJson {
  format: 'chronicle-word-clusters/1';
  /** Cluster counts, coarse to fine. */
  sizes: number[];
  /** Lower-cased words joined by '\n'. */
  words: string;
  clusters: string;
}

/** Cluster value of a word the vectors do not know, at every granularity. */
export const UNKNOWN_CLUSTER = '?';

/** Word → cluster ids, coarse to fine (`UNKNOWN_CLUSTER` at each size for words the table lacks). */
export class WordClusters {
  private readonly unknown: readonly string[];

  private constructor(
    readonly sizes: readonly number[],
    /** Each word's row of `clusters`, split on lookup (the tagger caches what it reads per word). */
    private readonly rowOf: ReadonlyMap<string, string>,
  ) {
    this.unknown = sizes.map(() => UNKNOWN_CLUSTER);
  }

  static fromJson(json: WordClustersJson): WordClusters {
    if (json.format !== 'chronicle-word-clusters/1') throw new Error(`word clusters: unknown format ${String(json.format)}`);
    const words = json.words.split('\n');
    const rows = json.clusters.split('\n');
    if (rows.length !== words.length) throw new Error(`word clusters: ${words.length} words but ${rows.length} rows`);
    const rowOf = new Map<string, string>();
    words.forEach((w, r) => rowOf.set(w, rows[r]!));
    return new WordClusters(json.sizes, rowOf);
  }

  /** Cluster ids of a lower-cased word, coarse to fine. */
  of(lower: string): readonly string[] {
    const row = this.rowOf.get(lower);
    return row === undefined ? this.unknown : row.split('.');
  }
}

const shipped = WordClusters.fromJson(clustersJson as unknown as WordClustersJson);

/** The shipped clusters (model/word-clusters.json; see model/LICENSE-DATA.md). */
export function wordClusters(): WordClusters {
  return shipped;
}
