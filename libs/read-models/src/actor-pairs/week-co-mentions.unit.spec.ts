import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePairVector } from './pair-vectors';
import { WeekCoMentions } from './week-co-mentions';

/** A week's articles, each the distinct pair keys of its actors (in any order). */
const weekOfArticles = fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 8 }), { maxLength: 40 });

/** Articles per (actor, other actor), counted pair by pair from the articles. */
function countedPairs(articles: readonly number[][]): Map<string, number> {
  const pairs = new Map<string, number>();
  for (const keys of articles) {
    for (const actor of keys) {
      for (const other of keys) {
        if (actor !== other) pairs.set(`${actor}>${other}`, (pairs.get(`${actor}>${other}`) ?? 0) + 1);
      }
    }
  }
  return pairs;
}

describe(WeekCoMentions.name, () => {
  describe('when a week of articles is added', () => {
    it('packs, for every actor with a co-mention, the articles it shares with each other actor', () => {
      fc.assert(
        fc.property(weekOfArticles, (articles) => {
          const week = new WeekCoMentions();
          for (const keys of articles) week.addArticle(keys);
          const packed = new Map<string, number>();
          for (const { key, others } of week.packed()) {
            for (const slot of decodePairVector(others)) packed.set(`${key}>${slot.key}`, slot.articles);
          }
          expect(packed).toEqual(countedPairs(articles));
        }),
      );
    });

    it('lists the actors in key order, each vector in key order, and leaves out an actor alone in its articles', () => {
      const week = new WeekCoMentions();
      week.addArticle([12, 3, 7]);
      week.addArticle([7, 3]);
      week.addArticle([40]);
      const packed = week.packed();
      expect(packed.map((actor) => actor.key)).toEqual([3, 7, 12]);
      expect(decodePairVector(packed[0]!.others)).toEqual([
        { key: 7, articles: 2 },
        { key: 12, articles: 1 },
      ]);
    });
  });

  describe('when a key is not a positive int32', () => {
    it('refuses it', () => {
      const week = new WeekCoMentions();
      for (const key of [0, -3, 1.5, 2 ** 31]) expect(() => week.addArticle([1, key])).toThrow(RangeError);
    });
  });
});
