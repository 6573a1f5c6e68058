import { compareCodePoints } from '@chronicle/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyedWindowSums } from './sum-vectors';
import { contenders, meanScore, topTrends, TrendCandidate } from './trend-ranking';

const sums = fc.record({
  mentions: fc.integer({ min: 0, max: 6 }),
  articles: fc.integer({ min: 0, max: 3 }),
  scoreMicros: fc.integer({ min: -3_000_000, max: 3_000_000 }),
});

/** Candidates with distinct ids drawn so that changes tie often; some known by key only until resolved. */
const candidates = fc.uniqueArray(
  fc.record({ id: fc.string({ unit: 'grapheme', maxLength: 4 }), current: sums, previous: sums, keyed: fc.boolean() }),
  { selector: (c) => c.id, maxLength: 30 },
);

/** The plain ranking: live actors by absolute mention change, ties by id, the first `limit`. */
function rankedPlainly<T extends TrendCandidate & { id: string }>(list: readonly T[], limit: number): T[] {
  const change = (c: T) => Math.abs(c.current.mentions - c.previous.mentions);
  return list
    .filter((c) => c.current.articles + c.previous.articles > 0)
    .sort((a, b) => change(b) - change(a) || compareCodePoints(a.id, b.id))
    .slice(0, limit);
}

describe(contenders.name, () => {
  describe('when some actors are summed by key and others known by id only', () => {
    it('keeps every candidate the plain ranking picks, and none ranked below its last', () => {
      fc.assert(
        fc.property(candidates, fc.integer({ min: 0, max: 35 }), (list, limit) => {
          const full = list.map((c, i) => ({ key: i + 1, id: c.id, current: c.current, previous: c.previous }));
          const keyed = new KeyedWindowSums();
          for (const [i, c] of list.entries()) {
            if (!c.keyed) continue;
            keyed.add(i + 1, 1, c.current);
            keyed.add(i + 1, -1, c.previous);
          }
          const unkeyed: TrendCandidate[] = list.flatMap((c, i) => (c.keyed ? [] : [{ ...full[i]!, key: null }]));

          const kept = contenders(keyed, unkeyed, limit);
          // What the query resolves: ids of the kept candidates, looked up by key.
          const resolved = kept.map((c) => (c.key === null ? { ...c, id: c.id! } : { ...c, id: full[c.key - 1]!.id }));

          const plain = rankedPlainly(full, limit);
          expect(topTrends(resolved, limit).map(({ id, current, previous }) => ({ id, current, previous }))).toEqual(
            plain.map(({ id, current, previous }) => ({ id, current, previous })),
          );
          const change = (c: TrendCandidate) => Math.abs(c.current.mentions - c.previous.mentions);
          const lowest = Math.min(...plain.map(change));
          for (const c of kept) expect(change(c)).toBeGreaterThanOrEqual(lowest);
        }),
      );
    });
  });
});

describe(meanScore.name, () => {
  describe('when a mean falls on a half micro-unit', () => {
    it('rounds it away from zero, as PostgreSQL rounds a numeric', () => {
      expect(meanScore({ mentions: 2, articles: 2, scoreMicros: 1 })).toBe(0.000001);
      expect(meanScore({ mentions: 2, articles: 2, scoreMicros: -1 })).toBe(-0.000001);
      expect(meanScore({ mentions: 2, articles: 2, scoreMicros: 3 })).toBe(0.000002);
      expect(meanScore({ mentions: 1, articles: 3, scoreMicros: 1_000_000 })).toBe(0.333333);
      expect(meanScore({ mentions: 1, articles: 3, scoreMicros: 2_000_000 })).toBe(0.666667);
    });
  });

  describe('when there are no articles', () => {
    it('has no mean', () => {
      expect(meanScore({ mentions: 0, articles: 0, scoreMicros: 0 })).toBeNull();
    });
  });

  describe('for any sum of scores within [−1, 1] per article', () => {
    it('is the nearest micro-unit to the exact mean, never −0', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: -1, max: 1, noNaN: true }), (articles, mean) => {
          const scoreMicros = Math.round(mean * 1_000_000 * articles);
          const result = meanScore({ mentions: articles, articles, scoreMicros })!;
          const micros = Math.round(result * 1_000_000);
          expect(Math.abs(micros - result * 1_000_000)).toBeLessThan(1e-6);
          // |exact − rounded| ≤ ½ micro-unit, in integers: |2·score − 2·micros·articles| ≤ articles.
          expect(Math.abs(2 * scoreMicros - 2 * micros * articles)).toBeLessThanOrEqual(articles);
          expect(Object.is(result, -0)).toBe(false);
        }),
      );
    });
  });
});
