import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failureBackoff, nextPollDelay } from './poll-schedule';

const MINUTE = 60_000;
const bounds = { minMs: 5 * MINUTE, maxMs: 24 * 60 * MINUTE };
const every = (gapMs: number, count = 10): number[] =>
  Array.from({ length: count }, (_, index) => 1_700_000_000_000 + index * gapMs);

describe(nextPollDelay.name, () => {
  describe('when a source publishes every 20 minutes', () => {
    it('moves towards polling every 10 minutes, at most halving per poll', () => {
      expect(nextPollDelay({ recentEntryTimes: every(20 * MINUTE), lastIntervalMs: 60 * MINUTE, ...bounds })).toBe(30 * MINUTE);
      expect(nextPollDelay({ recentEntryTimes: every(20 * MINUTE), lastIntervalMs: 15 * MINUTE, ...bounds })).toBe(10 * MINUTE);
    });
  });

  describe('when a source publishes every minute', () => {
    it('stays at the minimum', () => {
      expect(nextPollDelay({ recentEntryTimes: every(MINUTE), lastIntervalMs: 5 * MINUTE, ...bounds })).toBe(bounds.minMs);
    });
  });

  describe('when a source has fewer than two dated entries', () => {
    it('polls half as often again, up to the maximum', () => {
      expect(nextPollDelay({ recentEntryTimes: [], lastIntervalMs: 60 * MINUTE, ...bounds })).toBe(90 * MINUTE);
      expect(nextPollDelay({ recentEntryTimes: [1], lastIntervalMs: bounds.maxMs, ...bounds })).toBe(bounds.maxMs);
    });
  });

  describe('when given any history', () => {
    const history = fc.record({
      recentEntryTimes: fc.array(fc.oneof(fc.integer({ min: 0, max: 2e12 }), fc.constantFrom(NaN, Infinity)), { maxLength: 30 }),
      lastIntervalMs: fc.oneof(fc.integer({ min: -10, max: 1e9 }), fc.constant(NaN)),
      minMs: fc.integer({ min: 0, max: 1e7 }),
      maxMs: fc.integer({ min: 0, max: 1e9 }),
    });

    it('stays within the bounds, as a whole number', () => {
      fc.assert(
        fc.property(history, (input) => {
          const delay = nextPollDelay(input);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(input.minMs);
          expect(delay).toBeLessThanOrEqual(Math.max(input.minMs, input.maxMs));
        }),
      );
    });

    it('polls a source that publishes more often no less often', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 1e8 }),
          fc.integer({ min: 1, max: 1e8 }),
          fc.integer({ min: 1, max: 1e9 }),
          (a, b, last) => {
            const [often, rarely] = a <= b ? [a, b] : [b, a];
            const delay = (gap: number): number =>
              nextPollDelay({ recentEntryTimes: every(gap), lastIntervalMs: last, ...bounds });
            expect(delay(often)).toBeLessThanOrEqual(delay(rarely));
          },
        ),
      );
    });
  });
});

describe(failureBackoff.name, () => {
  describe('when there are no failures', () => {
    it('adds nothing', () => {
      expect(failureBackoff(0, 1000, 60_000)).toBe(0);
    });
  });

  describe('when failures repeat', () => {
    it('doubles from the base up to the cap', () => {
      expect([1, 2, 3, 4, 10, 5000].map((failures) => failureBackoff(failures, 1000, 60_000))).toEqual([
        1000, 2000, 4000, 8000, 60_000, 60_000,
      ]);
    });

    it('never decreases and never passes the cap', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 5000 }),
          fc.integer({ min: 1, max: 1e6 }),
          fc.integer({ min: 0, max: 1e9 }),
          (n, base, cap) => {
            expect(failureBackoff(n + 1, base, cap)).toBeGreaterThanOrEqual(failureBackoff(n, base, cap));
            expect(failureBackoff(n, base, cap)).toBeLessThanOrEqual(cap);
          },
        ),
      );
    });
  });
});
