import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerSpan, trendSpans } from './trend-spans';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const iso = (ms: number) => new Date(ms).toISOString();

/** The signs of the spans that count the hour starting at `hourMs` (a day span counts each of its hours). */
function signsCounting(spans: readonly LedgerSpan[], hourMs: number): number[] {
  return spans.filter((s) => Date.parse(s.from) <= hourMs && hourMs < Date.parse(s.to)).map((s) => s.sign);
}

/** Hour-aligned windows of 1 hour to 7 days between 2020 and 2030: the previous one, then the window. */
const hourWindows = fc
  .record({ startHour: fc.integer({ min: 438_000, max: 526_000 }), hours: fc.integer({ min: 1, max: 7 * 24 }) })
  .map(({ startHour, hours }) => ({
    previousFrom: (startHour - hours) * HOUR_MS,
    from: startHour * HOUR_MS,
    to: (startHour + hours) * HOUR_MS,
  }));

describe(trendSpans.name, () => {
  describe('when the granularity is hour', () => {
    it('counts every hour of both windows exactly once, with the window’s sign', () => {
      fc.assert(
        fc.property(hourWindows, ({ previousFrom, from, to }) => {
          const spans = trendSpans('hour', iso(previousFrom), iso(from), iso(to));
          for (let hour = previousFrom - DAY_MS; hour < to + DAY_MS; hour += HOUR_MS) {
            const expected = hour < previousFrom || hour >= to ? [] : hour < from ? [-1] : [1];
            expect(signsCounting(spans, hour)).toEqual(expected);
          }
        }),
      );
    });

    it('reads every whole UTC day from day entries: day spans are day-aligned, and no hour span holds a whole day', () => {
      fc.assert(
        fc.property(hourWindows, ({ previousFrom, from, to }) => {
          for (const span of trendSpans('hour', iso(previousFrom), iso(from), iso(to))) {
            const [start, end] = [Date.parse(span.from), Date.parse(span.to)];
            expect(start).toBeLessThan(end);
            if (span.granularity === 'day') {
              expect([start % DAY_MS, end % DAY_MS]).toEqual([0, 0]);
            } else {
              expect(Math.ceil(start / DAY_MS) * DAY_MS + DAY_MS).toBeGreaterThan(end);
            }
          }
        }),
      );
    });

    it('reads a day-aligned day and the day before as one day span each', () => {
      expect(trendSpans('hour', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z')).toEqual([
        { granularity: 'day', from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z', sign: -1 },
        { granularity: 'day', from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z', sign: 1 },
      ]);
    });
  });

  describe('when the granularity is day', () => {
    it('reads each window as one range of day entries', () => {
      expect(trendSpans('day', '2026-03-01T00:00:00.000Z', '2026-03-08T00:00:00.000Z', '2026-03-15T00:00:00.000Z')).toEqual([
        { granularity: 'day', from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z', sign: -1 },
        { granularity: 'day', from: '2026-03-08T00:00:00.000Z', to: '2026-03-15T00:00:00.000Z', sign: 1 },
      ]);
    });
  });

  describe('when the windows are empty', () => {
    it('reads nothing', () => {
      const at = '2026-03-01T05:00:00.000Z';
      expect(trendSpans('hour', at, at, at)).toEqual([]);
    });
  });
});
