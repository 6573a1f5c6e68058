import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketWindow, DAY_MS, dayOf, HOUR_MS, previousWindow, weekWindow } from './bucket-window';

describe(bucketWindow.name, () => {
  describe('when the window starts and ends inside days', () => {
    it('counts the days that start in [from, to)', () => {
      expect(bucketWindow({ from: '2026-05-01T10:00:00Z', to: '2026-05-04T10:00:00Z' }, DAY_MS)).toEqual({
        from: '2026-05-02T00:00:00.000Z',
        to: '2026-05-05T00:00:00.000Z',
      });
    });
  });

  describe('when the window is aligned to days', () => {
    it('keeps it, the end exclusive', () => {
      expect(bucketWindow({ from: '2026-05-01T00:00:00Z', to: '2026-05-04T00:00:00Z' }, DAY_MS)).toEqual({
        from: '2026-05-01T00:00:00.000Z',
        to: '2026-05-04T00:00:00.000Z',
      });
    });
  });

  describe('when an end lies a microsecond past a boundary', () => {
    it('leaves out the bucket that starts before it', () => {
      expect(bucketWindow({ from: '2026-05-01T10:00:00.000001Z', to: '2026-05-01T12:00:00.000001Z' }, HOUR_MS)).toEqual({
        from: '2026-05-01T11:00:00.000Z',
        to: '2026-05-01T13:00:00.000Z',
      });
    });
  });

  describe('when no bucket starts in the window', () => {
    it('is empty', () => {
      expect(bucketWindow({ from: '2026-05-01T10:00:00Z', to: '2026-05-01T20:00:00Z' }, DAY_MS)).toEqual({
        from: '2026-05-02T00:00:00.000Z',
        to: '2026-05-02T00:00:00.000Z',
      });
    });
  });

  describe('when the last day is the last of year 9999', () => {
    it('ends at a year-10000 instant PostgreSQL reads', () => {
      expect(bucketWindow({ from: '9999-12-30T00:00:00Z', to: '9999-12-31T01:00:00Z' }, DAY_MS).to).toBe(
        '10000-01-01T00:00:00.000Z',
      );
    });
  });
});

describe(weekWindow.name, () => {
  describe('when the window starts and ends inside weeks', () => {
    it('widens it to the Mondays before and after', () => {
      // 2026-05-06 is a Wednesday, 2026-05-12 a Tuesday.
      expect(weekWindow({ from: '2026-05-06T10:00:00Z', to: '2026-05-12T10:00:00Z' })).toEqual({
        from: '2026-05-04T00:00:00.000Z',
        to: '2026-05-18T00:00:00.000Z',
      });
    });
  });

  describe('when the window is aligned to Mondays', () => {
    it('keeps it, the end exclusive', () => {
      expect(weekWindow({ from: '2026-05-04T00:00:00Z', to: '2026-05-11T00:00:00Z' })).toEqual({
        from: '2026-05-04T00:00:00.000Z',
        to: '2026-05-11T00:00:00.000Z',
      });
    });
  });

  it('is the fewest whole UTC weeks, Monday to Monday, that hold the window', () => {
    const WEEK_MS = 7 * DAY_MS;
    const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) });
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 400 * DAY_MS }), (from, span) => {
        const window = { from: new Date(from).toISOString(), to: new Date(from + span).toISOString() };
        const weeks = weekWindow(window);
        const [start, end] = [Date.parse(weeks.from), Date.parse(weeks.to)];
        expect([new Date(start).getUTCDay(), new Date(end).getUTCDay(), start % DAY_MS, end % DAY_MS]).toEqual([1, 1, 0, 0]);
        expect(start).toBeLessThanOrEqual(from);
        expect(start + WEEK_MS).toBeGreaterThan(from);
        expect(end).toBeGreaterThanOrEqual(from + span);
        expect(end - WEEK_MS).toBeLessThan(from + span);
      }),
    );
  });
});

describe(previousWindow.name, () => {
  it('is the window of the same length just before', () => {
    expect(previousWindow({ from: '2026-05-08T00:00:00.000Z', to: '2026-05-15T00:00:00.000Z' })).toEqual({
      from: '2026-05-01T00:00:00.000Z',
      to: '2026-05-08T00:00:00.000Z',
    });
  });
});

describe(dayOf.name, () => {
  it('is the date part', () => {
    expect(dayOf('2026-05-08T00:00:00.000Z')).toBe('2026-05-08');
  });
});
