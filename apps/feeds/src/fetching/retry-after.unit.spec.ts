import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryAfterUntilMs } from './retry-after';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const MAX = 24 * 3600_000;

describe('retryAfterUntilMs', () => {
  describe('when the value is delay-seconds', () => {
    it('adds them to now', () => {
      expect(retryAfterUntilMs('120', NOW, MAX)).toBe(NOW + 120_000);
      expect(retryAfterUntilMs(' 0 ', NOW, MAX)).toBe(NOW);
    });

    it('caps a huge delay at the maximum', () => {
      expect(retryAfterUntilMs('99999999999999999999999', NOW, MAX)).toBe(NOW + MAX);
    });
  });

  describe('when the value is an HTTP-date', () => {
    it('reads all three forms as UTC', () => {
      const at = NOW + 90_000;
      expect(retryAfterUntilMs(new Date(at).toUTCString(), NOW, MAX)).toBe(at);
      expect(retryAfterUntilMs('Wednesday, 15-Jan-25 12:01:30 GMT', NOW, MAX)).toBe(at);
      expect(retryAfterUntilMs('Wed Jan 15 12:01:30 2025', NOW, MAX)).toBe(at);
    });

    it('treats a date in the past as now', () => {
      expect(retryAfterUntilMs('Sun, 06 Nov 1994 08:49:37 GMT', NOW, MAX)).toBe(NOW);
    });
  });

  describe('when the value is anything else', () => {
    it('answers null, so the caller applies its default', () => {
      for (const value of [undefined, '', '-5', '1.5', 'soon', 'x 2', 'Sun, 06 Nov 1994'])
        expect(retryAfterUntilMs(value, NOW, MAX)).toBeNull();
    });

    it('never throws and never answers a time outside [now, now + max]', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            fc.string({ unit: 'binary' }),
            fc.nat().map(String),
            fc.date().map((d) => (Number.isNaN(d.getTime()) ? '' : d.toUTCString())),
          ),
          (value) => {
            const until = retryAfterUntilMs(value, NOW, MAX);
            expect(until === null || (until >= NOW && until <= NOW + MAX)).toBe(true);
          },
        ),
      );
    });
  });
});
