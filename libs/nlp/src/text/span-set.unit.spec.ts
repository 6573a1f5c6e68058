import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CharSpan } from './span-overlap';
import { SpanSet } from './span-set';

const span = fc.tuple(fc.nat({ max: 300 }), fc.nat({ max: 40 })).map(([start, length]) => ({ start, end: start + length }));
const probe = fc.tuple(fc.integer({ min: -5, max: 345 }), fc.integer({ min: -5, max: 60 }));

/** Spans as one pass in text order (how mentions mostly arrive), several such passes, or any order. */
const arrivals = {
  'in text order': fc.array(span, { maxLength: 80 }).map((spans) => [...spans].sort((a, b) => a.start - b.start)),
  'in a few passes, each in text order': fc
    .array(
      fc.array(span, { maxLength: 25 }).map((spans) => [...spans].sort((a, b) => a.start - b.start)),
      { maxLength: 6 },
    )
    .map((passes) => passes.flat()),
  'in any order': fc.array(span, { maxLength: 80 }),
};

describe(SpanSet.name, () => {
  for (const [order, spans] of Object.entries(arrivals)) {
    describe(`when spans are added ${order}`, () => {
      it('answers "starts here" and "overlaps" after each addition as a scan over every span added would', () => {
        fc.assert(
          fc.property(spans, fc.array(probe, { minLength: 1, maxLength: 12 }), (added, probes) => {
            const set = new SpanSet();
            const plain: CharSpan[] = [];
            for (const s of added) {
              set.add(s.start, s.end);
              plain.push(s);
              for (const [start, length] of probes) {
                const end = start + length;
                expect(set.hasStart(start)).toBe(plain.some((m) => m.start === start));
                expect(set.overlaps(start, end)).toBe(plain.some((m) => m.start < end && start < m.end));
              }
            }
          }),
          { numRuns: 300 },
        );
      });
    });
  }

  describe('when a span only touches the range asked about', () => {
    it('does not count as overlapping it', () => {
      const set = new SpanSet();
      set.add(0, 10);
      set.add(20, 30);
      expect(set.overlaps(10, 20)).toBe(false);
      expect(set.overlaps(9, 20)).toBe(true);
    });
  });

  describe('when a long span added early covers a range far to its right', () => {
    it('counts as overlapping it, though shorter spans start in between', () => {
      const set = new SpanSet();
      set.add(0, 100);
      set.add(5, 6);
      set.add(70, 71);
      expect(set.overlaps(50, 60)).toBe(true);
    });
  });

  describe('when many spans arrive in falling order', () => {
    it('still answers from every one of them', () => {
      const set = new SpanSet();
      for (let start = 10_000; start > 0; start -= 10) set.add(start, start + 5);
      expect(set.hasStart(10)).toBe(true);
      expect(set.hasStart(15)).toBe(false);
      expect(set.overlaps(16, 19)).toBe(false);
      expect(set.overlaps(9_004, 9_006)).toBe(true);
    });
  });
});
