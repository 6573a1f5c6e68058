import { SentimentGranularity } from './fold';

const DAY_MS = 86_400_000;

/** A range of ledger entries of one granularity, [from, to) by bucket start, counted with `sign`. */
export interface LedgerSpan {
  granularity: SentimentGranularity;
  from: string;
  to: string;
  /** +1 for the window, −1 for the window before it. */
  sign: 1 | -1;
}

/**
 * The ledger ranges that sum the previous window [`previousFrom`, `from`) (sign −1) and the window
 * [`from`, `to`) (sign +1), bounds aligned to `granularity`. The whole UTC days inside an hour
 * window are read from the running totals, which hold the same sums as their 24 hours: a day's hour
 * trends read no row per actor instead of up to 24, and only the hours at the edges are summed
 * hour by hour. Empty ranges are left out.
 */
export function trendSpans(granularity: SentimentGranularity, previousFrom: string, from: string, to: string): LedgerSpan[] {
  return [...windowSpans(granularity, previousFrom, from, -1), ...windowSpans(granularity, from, to, 1)];
}

function windowSpans(granularity: SentimentGranularity, from: string, to: string, sign: 1 | -1): LedgerSpan[] {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (granularity === 'day' || !(start < end)) return from === to ? [] : [{ granularity, from, to, sign }];
  const firstDay = Math.ceil(start / DAY_MS) * DAY_MS;
  const lastDay = Math.floor(end / DAY_MS) * DAY_MS;
  if (firstDay >= lastDay) return [{ granularity, from, to, sign }];
  const firstDayStart = new Date(firstDay).toISOString();
  const lastDayStart = new Date(lastDay).toISOString();
  const spans: LedgerSpan[] = [];
  if (start < firstDay) spans.push({ granularity: 'hour', from, to: firstDayStart, sign });
  spans.push({ granularity: 'day', from: firstDayStart, to: lastDayStart, sign });
  if (lastDay < end) spans.push({ granularity: 'hour', from: lastDayStart, to, sign });
  return spans;
}
