import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActorSums, KeyedWindowSums, SLOT_BYTES, SumVector } from './sum-vectors';

/** Sums added to one actor key of one day. */
const additions = fc.array(
  fc.record({
    key: fc.integer({ min: 1, max: 40 }),
    mentions: fc.integer({ min: -50, max: 50 }),
    articles: fc.integer({ min: -10, max: 10 }),
    scoreMicros: fc.integer({ min: -10_000_000, max: 10_000_000 }),
  }),
  { maxLength: 60 },
);

const zero = (): ActorSums => ({ mentions: 0, articles: 0, scoreMicros: 0 });

/** The same additions summed per key in a map: what packing and unpacking must give back. */
function summedByKey(list: ReadonlyArray<ActorSums & { key: number }>): Map<number, ActorSums> {
  const sums = new Map<number, ActorSums>();
  for (const { key, ...s } of list) {
    const t = sums.get(key) ?? zero();
    sums.set(key, {
      mentions: t.mentions + s.mentions,
      articles: t.articles + s.articles,
      scoreMicros: t.scoreMicros + s.scoreMicros,
    });
  }
  return sums;
}

describe(SumVector.name, () => {
  describe('when sums are added to keys in any order, over vectors stored and read back', () => {
    it('gives each key the sum of what was added to it, and every other key zero', () => {
      fc.assert(
        fc.property(additions, additions, fc.boolean(), (first, second, restore) => {
          const vector = new SumVector();
          for (const { key, ...s } of first) vector.add(key, s);
          // A later round starts from the stored bytes.
          const next = restore ? new SumVector(Uint8Array.from(vector.packed())) : vector;
          for (const { key, ...s } of second) next.add(key, s);

          const read = new KeyedWindowSums();
          read.addVector(next.packed(), 1);
          const expected = summedByKey([...first, ...second]);
          const highest = Math.max(0, ...expected.keys());
          expect(next.packed().byteLength).toBe(highest * SLOT_BYTES);
          for (let key = 1; key <= highest + 2; key++) {
            expect(read.sums(key, 1)).toEqual(expected.get(key) ?? zero());
            expect(read.sums(key, -1)).toEqual(zero());
          }
        }),
      );
    });
  });

  describe('when whole vectors are added to one another', () => {
    it('sums them slot by slot, as adding their sums one by one does', () => {
      fc.assert(
        fc.property(additions, additions, (first, second) => {
          const [a, b] = [new SumVector(), new SumVector()];
          for (const { key, ...s } of first) a.add(key, s);
          for (const { key, ...s } of second) b.add(key, s);
          a.addVector(b.packed());

          const direct = new SumVector();
          for (const { key, ...s } of [...first, ...second]) direct.add(key, s);
          expect(a.packed()).toEqual(direct.packed());
        }),
      );
    });
  });

  describe('when a count leaves the 32-bit integers', () => {
    it('refuses it rather than wrap', () => {
      const vector = new SumVector();
      vector.add(2, { mentions: 0x7fffffff, articles: 0, scoreMicros: 0 });
      expect(() => vector.add(2, { mentions: 1, articles: 0, scoreMicros: 0 })).toThrow(RangeError);
    });
  });

  describe('when a key is not a positive integer', () => {
    it('refuses it', () => {
      expect(() => new SumVector().add(0, zero())).toThrow(RangeError);
      expect(() => new SumVector().add(1.5, zero())).toThrow(RangeError);
    });
  });

  describe('when a score sum leaves the exact integers of a double', () => {
    it('refuses it rather than round', () => {
      const vector = new SumVector();
      vector.add(1, { mentions: 0, articles: 0, scoreMicros: Number.MAX_SAFE_INTEGER });
      expect(() => vector.add(1, { mentions: 0, articles: 0, scoreMicros: 1 })).toThrow(RangeError);
    });
  });
});

describe(KeyedWindowSums.name, () => {
  describe('when vectors and single sums go to both windows', () => {
    it('keeps each window apart and sums within it', () => {
      fc.assert(
        fc.property(additions, additions, additions, (now, before, single) => {
          const [v1, v2] = [new SumVector(), new SumVector()];
          for (const { key, ...s } of now) v1.add(key, s);
          for (const { key, ...s } of before) v2.add(key, s);
          const sums = new KeyedWindowSums();
          sums.addVector(v1.packed(), 1);
          sums.addVector(v2.packed(), -1);
          // A running total taken away again: the window keeps the difference.
          sums.addVector(v2.packed(), 1, 1);
          sums.addVector(v2.packed(), 1, -1);
          for (const { key, ...s } of single) sums.add(key, 1, s);

          const current = summedByKey([...now, ...single]);
          const previous = summedByKey(before);
          for (let key = 1; key <= 42; key++) {
            expect(sums.sums(key, 1)).toEqual(current.get(key) ?? zero());
            expect(sums.sums(key, -1)).toEqual(previous.get(key) ?? zero());
          }
        }),
      );
    });
  });
});
