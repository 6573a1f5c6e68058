import { TimeWindow } from './time-window';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** `to` as a timestamptz literal PostgreSQL reads: years past 9999 without the sign and padding of `toISOString`. */
function instantOf(ms: number): string {
  return new Date(ms).toISOString().replace(/^\+0*(\d{5,})/, '$1');
}

/** The first boundary of `unitMs` (UTC hours or days) at or after the instant, to the microsecond. */
function ceilTo(instant: string, unitMs: number): number {
  const ms = Date.parse(instant);
  // Date keeps milliseconds; a timestamptz (and so an `instant`) may have microseconds past them.
  const finerThanMs = /[1-9]/.test((/\.(\d+)Z$/.exec(instant)?.[1] ?? '').slice(3));
  const floor = ms - (((ms % unitMs) + unitMs) % unitMs);
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

/** The window of the same length just before `window`. */
export function previousWindow(window: TimeWindow): TimeWindow {
  const from = Date.parse(window.from);
  return { from: instantOf(from - (Date.parse(window.to) - from)), to: window.from };
}

/** `YYYY-MM-DD` of a day-aligned instant. */
export function dayOf(instant: string): string {
  return instant.slice(0, instant.indexOf('T'));
}
