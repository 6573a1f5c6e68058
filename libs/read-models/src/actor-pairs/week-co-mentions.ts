import { PAIR_SLOT_BYTES } from './pair-vectors';

/** One actor's co-mentions in the week: its pair key and its packed vector. */
export interface PackedActorWeek {
  key: number;
  others: Buffer;
}

/**
 * One UTC week's co-mentions counted article by article, as a rebuild derives them: every ordered pair of distinct
 * actors of an article adds that article to the first actor's slot for the second. Counting in the deriving process
 * instead of in SQL (a self-join of the mentions and a grouping of every pair) keeps the millions of pairs of a
 * rebuild out of PostgreSQL, which then reads only the articles' keys and writes the vectors.
 *
 * The articles are kept as one flat list of keys; {@link packed} then visits each actor's articles (an index of them
 * by key) and counts its co-mentions in a dense array indexed by key, so a pair costs an array increment, not a
 * hash-map update: the keys are small dense integers (`actor_pair_keys`).
 */
export class WeekCoMentions {
  private keys = new Int32Array(1024);
  private length = 0;
  /** Where each article's keys start in `keys`, and one past the last article. */
  private readonly starts: number[] = [0];
  private largestKey = 0;

  /** Adds one article: the pair keys of its actors (positive integers), each once. */
  addArticle(keys: readonly number[]): void {
    if (this.length + keys.length > this.keys.length) {
      const grown = new Int32Array(Math.max(this.keys.length * 2, this.length + keys.length));
      grown.set(this.keys.subarray(0, this.length));
      this.keys = grown;
    }
    for (const key of keys) {
      if (!Number.isInteger(key) || key <= 0 || key > 0x7fffffff)
        throw new RangeError(`a pair key must be a positive int32, got ${key}`);
      this.keys[this.length++] = key;
      if (key > this.largestKey) this.largestKey = key;
    }
    this.starts.push(this.length);
  }

  /** Each actor with a co-mention, in key order, its slots in key order (as a packing round's merge leaves them). */
  packed(): PackedActorWeek[] {
    const articlesOf = this.articlesByKey();
    const counts = new Int32Array(this.largestKey + 1);
    const actors: PackedActorWeek[] = [];
    for (let key = 1; key <= this.largestKey; key += 1) {
      const touched: number[] = [];
      for (let a = articlesOf.starts[key]; a < articlesOf.starts[key + 1]; a += 1) {
        const article = articlesOf.articles[a];
        for (let k = this.starts[article]; k < this.starts[article + 1]; k += 1) {
          const other = this.keys[k];
          if (other !== key && counts[other]++ === 0) touched.push(other);
        }
      }
      if (touched.length === 0) continue;
      touched.sort((x, y) => x - y);
      const others = Buffer.allocUnsafe(touched.length * PAIR_SLOT_BYTES);
      touched.forEach((other, i) => {
        others.writeInt32BE(other, i * PAIR_SLOT_BYTES);
        others.writeInt32BE(counts[other], i * PAIR_SLOT_BYTES + 4);
        counts[other] = 0;
      });
      actors.push({ key, others });
    }
    return actors;
  }

  /** For each key, the articles it is in (ascending), as one list with offsets by key. */
  private articlesByKey(): { starts: Int32Array; articles: Int32Array } {
    const starts = new Int32Array(this.largestKey + 2);
    for (let k = 0; k < this.length; k += 1) starts[this.keys[k] + 1] += 1;
    for (let key = 1; key < starts.length; key += 1) starts[key] += starts[key - 1];
    const next = starts.slice(0, this.largestKey + 1);
    const articles = new Int32Array(this.length);
    for (let article = 0; article + 1 < this.starts.length; article += 1) {
      for (let k = this.starts[article]; k < this.starts[article + 1]; k += 1) articles[next[this.keys[k]]++] = article;
    }
    return { starts, articles };
  }
}
