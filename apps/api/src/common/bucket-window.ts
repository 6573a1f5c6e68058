import { TimeWindow } from './time-window';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday after the epoch: UTC weeks start on Mondays. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

/** `to` as a timestamptz literal PostgreSQL reads: years past 9999 without the sign and padding of `toISOString`. */
function instantOf(ms: number): string {
  return new Date(ms).toISOString().replace(/^\+0*(\d{5,})/, '$1');
}

/** The last boundary of `unitMs` (counted from `originMs`) at or before the instant. */
function floorTo(instant: string, unitMs: number, originMs = 0): number {
  const ms = Date.parse(instant);
  return ms - ((((ms - originMs) % unitMs) + unitMs) % unitMs);
}

/** The first boundary of `unitMs` (UTC hours or days; weeks from `originMs`) at or after the instant, to the microsecond. */
function ceilTo(instant: string, unitMs: number, originMs = 0): number {
  const ms = Date.parse(instant);
  // Date keeps milliseconds; a timestamptz (and so an `instant`) may have microseconds past them.
  const finerThanMs = /[1-9]/.test((/\.(\d+)Z$/.exec(instant)?.[1] ?? '').slice(3));
  const floor = floorTo(instant, unitMs, originMs);
  return floor === ms && !finerThanMs ? ms : floor + unitMs;
}

/**
 * The buckets (UTC hours or days) a window counts: those that start in [from, to), as the
 * sentiment endpoint counts buckets. Returned as the instants the counted buckets span, which is
 * what a response reports as its window (empty, from = to, when no bucket starts in it).
 */
export function bucketWindow(window: TimeWindow, unitMs: number): TimeWindow {
  const from = ceilTo(window.from, unitMs);
  const to = Math.max(from, ceilTo(window.to, unitMs));
  return { from: instantOf(from), to: instantOf(to) };
}

/**
 * The UTC weeks (Monday 00:00 to Monday 00:00) a non-empty window overlaps, as the instants they span: what a
 * window counted by whole weeks (related actors) widens to and reports.
 */
export function weekWindow(window: TimeWindow): TimeWindow {
  const from = floorTo(window.from, WEEK_MS, FIRST_MONDAY_MS);
  return { from: instantOf(from), to: instantOf(Math.max(from + WEEK_MS, ceilTo(window.to, WEEK_MS, FIRST_MONDAY_MS))) };
}

/** The window of the same length just before `window`. */
export function previousWindow(window: TimeWindow): TimeWindow {
  const from = Date.parse(window.from);
  return { from: instantOf(from - (Date.parse(window.to) - from)), to: window.from };
}

/** `YYYY-MM-DD` of a day-aligned instant. */
export function dayOf(instant: string): string {
  return instant.slice(0, instant.indexOf('T'));
}
