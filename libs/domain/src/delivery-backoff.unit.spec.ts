import { describe, expect, it } from 'vitest';
import { nextRetryDelayMs } from './delivery-backoff';

describe(nextRetryDelayMs.name, () => {
  describe('when attempts fail repeatedly', () => {
    it('doubles the window each time', () => {
      expect([1, 2, 3, 4].map((n) => nextRetryDelayMs(n, 100, 1))).toEqual([100, 200, 400, 800]);
    });
    it('keeps jitter within the upper half of the window', () => {
      expect(nextRetryDelayMs(3, 100, 0)).toBe(200);
      expect(nextRetryDelayMs(3, 100, 0.5)).toBe(300);
    });
    it('never exceeds the cap', () => {
      expect(nextRetryDelayMs(40, 1000, 1, 60_000)).toBe(60_000);
    });
  });
});
