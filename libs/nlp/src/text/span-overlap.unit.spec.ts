import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CharSpan, clearOf } from './span-overlap';

const span = fc
  .tuple(fc.nat({ max: 200 }), fc.nat({ max: 40 }))
  .map(([start, length]): CharSpan & { id: number } => ({ start, end: start + length, id: start * 100 + length }));

describe(clearOf.name, () => {
  describe('for any items and blockers', () => {
    it('keeps, in their order, exactly the items that overlap no blocker', () => {
      fc.assert(
        fc.property(fc.array(span, { maxLength: 40 }), fc.array(span, { maxLength: 40 }), (items, blockers) => {
          const overlapsAny = (s: CharSpan) => blockers.some((b) => s.start < b.end && b.start < s.end);
          expect(clearOf(items, blockers)).toEqual(items.filter((s) => !overlapsAny(s)));
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('when a blocker only touches an item', () => {
    it('keeps the item', () => {
      const item = { start: 10, end: 20 };
      expect(
        clearOf(
          [item],
          [
            { start: 0, end: 10 },
            { start: 20, end: 30 },
          ],
        ),
      ).toEqual([item]);
    });
  });

  describe('when a long blocker sorted early covers an item far to its right', () => {
    it('drops the item', () => {
      const blockers = [
        { start: 0, end: 100 },
        { start: 5, end: 6 },
        { start: 7, end: 8 },
      ];
      expect(clearOf([{ start: 50, end: 60 }], blockers)).toEqual([]);
    });
  });
});
