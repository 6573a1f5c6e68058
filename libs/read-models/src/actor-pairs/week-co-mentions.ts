import { encodePairVector, PairSlot } from './pair-vectors';

/** One actor's co-mentions in the week: its pair key and its packed vector. */
export interface PackedActorWeek {
  key: number;
  others: Buffer;
}

/**
 * One UTC week's co-mentions counted article by article, as a rebuild derives them: every ordered pair of distinct
 * actors of an article adds that article to the first actor's slot for the second. Counting in the deriving process
 * (a map increment per pair) instead of in SQL (a self-join of the mentions and a grouping of every pair) keeps the
 * millions of pairs of a rebuild out of PostgreSQL, which then reads only the articles' keys and writes the vectors.
 */
export class WeekCoMentions {
  private readonly counts = new Map<number, Map<number, number>>();

  /** Adds one article: the pair keys of its actors, each once. */
  addArticle(keys: readonly number[]): void {
    for (const key of keys) {
      let others = this.counts.get(key);
      if (others === undefined) {
        others = new Map();
        this.counts.set(key, others);
      }
      for (const other of keys) if (other !== key) others.set(other, (others.get(other) ?? 0) + 1);
    }
  }

  /** Each actor with a co-mention, in key order, its slots in key order (as a packing round's merge leaves them). */
  packed(): PackedActorWeek[] {
    const byKey = (a: number, b: number) => a - b;
    const actors: PackedActorWeek[] = [];
    for (const key of [...this.counts.keys()].sort(byKey)) {
      const others = this.counts.get(key)!;
      if (others.size === 0) continue;
      const slots: PairSlot[] = [...others.keys()].sort(byKey).map((other) => ({ key: other, articles: others.get(other)! }));
      actors.push({ key, others: encodePairVector(slots) });
    }
    return actors;
  }
}
