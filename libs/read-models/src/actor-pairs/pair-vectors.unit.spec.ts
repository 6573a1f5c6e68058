import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addPairVectorInto, decodePairVector, encodePairVector, sumPairVectors } from './pair-vectors';

/** Slots of a vector: distinct positive keys in increasing order, counts never zero (negative ones too), up to `most`. */
const slotsUpTo = (most: number) =>
  fc
    .uniqueArray(fc.record({ key: fc.integer({ min: 1, max: 60 }), articles: fc.integer({ min: -5, max: most }) }), {
      selector: (s) => s.key,
      maxLength: 40,
    })
    .map((list) => list.filter((s) => s.articles !== 0).sort((a, b) => a.key - b.key));
const slots = slotsUpTo(1_000_000_000);

describe('pair vectors', () => {
  describe('when slots are encoded', () => {
    it('decode to the same slots, 8 bytes each, as int4send writes key then count', () => {
      fc.assert(
        fc.property(slots, (list) => {
          const vector = encodePairVector(list);
          expect(vector.length).toBe(list.length * 8);
          expect(decodePairVector(vector)).toEqual(list);
        }),
      );
      expect(encodePairVector([{ key: 258, articles: -1 }]).toString('hex')).toBe('00000102ffffffff');
    });

    it('refuse keys out of order, a zero count and a count past 32 bits', () => {
      expect(() =>
        encodePairVector([
          { key: 2, articles: 1 },
          { key: 1, articles: 1 },
        ]),
      ).toThrow(RangeError);
      expect(() => encodePairVector([{ key: 1, articles: 0 }])).toThrow(RangeError);
      expect(() => encodePairVector([{ key: 1, articles: 2 ** 31 }])).toThrow(RangeError);
    });
  });

  describe("when vectors are summed (a week's change rows merged)", () => {
    it('hold the sum by key, in key order, with no slot at zero', () => {
      fc.assert(
        fc.property(fc.array(slotsUpTo(300_000_000), { maxLength: 6 }), (vectors) => {
          const expected = new Map<number, number>();
          for (const { key, articles } of vectors.flat()) expected.set(key, (expected.get(key) ?? 0) + articles);
          const sum = decodePairVector(sumPairVectors(vectors.map(encodePairVector)));
          expect(sum).toEqual(
            [...expected]
              .filter(([, n]) => n !== 0)
              .sort((x, y) => x[0] - y[0])
              .map(([key, articles]) => ({ key, articles })),
          );
        }),
      );
    });

    it('order keys by number, not as text (9 before 10 before 100)', () => {
      const sum = sumPairVectors([
        encodePairVector([{ key: 100, articles: 1 }]),
        encodePairVector([
          { key: 9, articles: 1 },
          { key: 10, articles: 2 },
        ]),
      ]);
      expect(decodePairVector(sum).map((s) => s.key)).toEqual([9, 10, 100]);
    });
  });

  describe('when vectors are summed into a map (a window of weeks)', () => {
    it('add every slot to its key', () => {
      fc.assert(
        fc.property(fc.array(slots, { maxLength: 5 }), (weeks) => {
          const sums = new Map<number, number>();
          for (const week of weeks) addPairVectorInto(sums, encodePairVector(week));
          const expected = new Map<number, number>();
          for (const { key, articles } of weeks.flat()) expected.set(key, (expected.get(key) ?? 0) + articles);
          expect(sums).toEqual(expected);
        }),
      );
    });

    it('read a vector that is a slice of a larger buffer (as the driver hands rows out)', () => {
      const vector = encodePairVector([{ key: 3, articles: 7 }]);
      const shifted = Buffer.concat([Buffer.from([9, 9, 9]), vector]).subarray(3);
      const sums = new Map<number, number>();
      addPairVectorInto(sums, shifted);
      expect(sums).toEqual(new Map([[3, 7]]));
    });
  });
});
