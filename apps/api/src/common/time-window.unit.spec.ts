import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionalTimeWindowFields, resolveOptionalTimeWindow, timeWindowQuery } from './time-window';

const week = timeWindowQuery({ defaultSpanDays: 7, maxSpanDays: 31 });

function problems(input: Record<string, string>): string[] {
  const result = week.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('timeWindowQuery', () => {
  it('keeps a forward window within the span', () => {
    expect(week.parse({ from: '2026-05-01T00:00:00Z', to: '2026-05-08T00:00:00+02:00' })).toEqual({
      from: '2026-05-01T00:00:00Z',
      to: '2026-05-07T22:00:00Z',
    });
  });

  it('fills a missing from with the default span before to', () => {
    expect(week.parse({ to: '2026-05-08T00:00:00Z' })).toEqual({ from: '2026-05-01T00:00:00.000Z', to: '2026-05-08T00:00:00Z' });
  });

  it('refuses a window that runs backwards or is empty, naming from', () => {
    expect(problems({ from: '2026-05-08T00:00:00Z', to: '2026-05-01T00:00:00Z' })).toEqual(['from: must be before `to`']);
    expect(problems({ from: '2026-05-08T00:00:00Z', to: '2026-05-08T00:00:00Z' })).toEqual(['from: must be before `to`']);
  });

  it('refuses a span one millisecond over the bound and takes the bound itself', () => {
    expect(problems({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' })).toEqual([]);
    expect(problems({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00.001Z' })).toEqual([
      'to: the window from `from` to `to` must span at most 31 days',
    ]);
  });

  it('names a malformed instant', () => {
    expect(problems({ from: 'yesterday' })[0]).toMatch(/^from: must be an ISO 8601 date-time/);
  });
});

describe('resolveOptionalTimeWindow', () => {
  const search = z
    .object({ ...optionalTimeWindowFields(366), q: z.string().optional() })
    .transform((value, ctx) => ({ q: value.q, window: resolveOptionalTimeWindow(value, ctx, { maxSpanDays: 366 }) }));
  const issues = (input: Record<string, string>): string[] => {
    const result = search.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('gives no window when neither from nor to is given', () => {
    expect(search.parse({ q: 'x' })).toEqual({ q: 'x', window: null });
  });

  it('validates a given window as timeWindowQuery does, naming the parameter', () => {
    expect(search.parse({ from: '2026-01-01T00:00:00Z', to: '2027-01-02T00:00:00Z' }).window).toEqual({
      from: '2026-01-01T00:00:00Z',
      to: '2027-01-02T00:00:00Z',
    });
    expect(issues({ from: '2026-01-01T00:00:00Z', to: '2027-01-02T00:00:00.001Z' })).toEqual([
      'to: the window from `from` to `to` must span at most 366 days',
    ]);
    expect(issues({ from: '2026-05-08T00:00:00Z', to: '2026-05-01T00:00:00Z' })).toEqual(['from: must be before `to`']);
    expect(issues({ to: 'soon' })[0]).toMatch(/^to: must be an ISO 8601 date-time/);
  });

  it('names from when a window without to (now) spans too long', () => {
    expect(issues({ from: '2001-01-01T00:00:00Z' })).toEqual(['from: the window from `from` to `to` must span at most 366 days']);
  });

  it('fills a missing start with the whole span before the end', () => {
    expect(search.parse({ to: '2027-01-02T00:00:00Z' }).window).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2027-01-02T00:00:00Z',
    });
  });
});
