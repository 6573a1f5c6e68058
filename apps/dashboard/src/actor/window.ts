import type { ActorSummary, Granularity } from '../api/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The time window an actor's charts and lists ask for: from the start of the bucket holding
 * `firstSeen` to the end of the one holding `lastSeen`, one bucket of margin each side. Articles
 * carry their own publication dates (the samples are from May 2026), so "the last 7 days" would be empty.
 */
export function actorWindow(
  actor: Pick<ActorSummary, 'firstSeen' | 'lastSeen'>,
  granularity: Granularity,
): { from: string; to: string } {
  const size = granularity === 'hour' ? HOUR : DAY;
  const from = Math.floor(Date.parse(actor.firstSeen) / size) * size - size;
  const to = Math.floor(Date.parse(actor.lastSeen) / size) * size + 2 * size;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** Hours for an actor seen within three days, else days. */
export function defaultGranularity(actor: Pick<ActorSummary, 'firstSeen' | 'lastSeen'>): Granularity {
  return Date.parse(actor.lastSeen) - Date.parse(actor.firstSeen) <= 3 * DAY ? 'hour' : 'day';
}

/** The last `days` of the window, when it is longer. */
export function clampSpan(window: { from: string; to: string }, days: number): { from: string; to: string } {
  const earliest = Date.parse(window.to) - days * DAY;
  return Date.parse(window.from) < earliest ? { from: new Date(earliest).toISOString(), to: window.to } : window;
}
