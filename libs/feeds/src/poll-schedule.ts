/** What {@link nextPollDelay} decides from. */
export interface PollHistory {
  /** When the source's recent entries were published (epoch ms), in any order; undated entries left out. */
  readonly recentEntryTimes: readonly number[];
  /** The delay used before the last poll (ms). */
  readonly lastIntervalMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/**
 * How long to wait before polling a source again: about half the median gap between its recent
 * entries, so a source that publishes often is polled often and a quiet one rarely. To keep one
 * burst or lull from swinging the schedule, the delay moves at most a factor of two from the last
 * one per poll, and with fewer than two dated entries it grows by half. Always within
 * [`minMs`, `maxMs`], in whole milliseconds.
 */
export function nextPollDelay({ recentEntryTimes, lastIntervalMs, minMs, maxMs }: PollHistory): number {
  const low = Math.max(0, Number.isFinite(minMs) ? minMs : 0);
  const high = Math.max(low, Number.isFinite(maxMs) ? maxMs : low);
  const clamp = (value: number): number => Math.round(Math.min(high, Math.max(low, value)));
  const last = Number.isFinite(lastIntervalMs) && lastIntervalMs > 0 ? clamp(lastIntervalMs) : low;
  const times = [...new Set(recentEntryTimes.filter(Number.isFinite))].sort((a, b) => a - b);
  if (times.length < 2) return clamp(Math.max(last, low) * 1.5);
  const gaps = times
    .slice(1)
    .map((time, index) => time - times[index]!)
    .sort((a, b) => a - b);
  const middle = gaps.length / 2;
  const median = gaps.length % 2 === 1 ? gaps[Math.floor(middle)]! : (gaps[middle - 1]! + gaps[middle]!) / 2;
  const target = median / 2;
  return clamp(Math.min(Math.max(target, last / 2), Math.max(last, low) * 2));
}

/**
 * Extra delay after `consecutiveFailures` failed polls in a row: none before the first failure,
 * then `baseMs` doubling with each failure, capped at `maxMs`. The caller adds any jitter.
 */
export function failureBackoff(consecutiveFailures: number, baseMs: number, maxMs: number): number {
  if (!(consecutiveFailures >= 1) || !(baseMs > 0)) return 0;
  const cap = Math.max(0, Number.isFinite(maxMs) ? maxMs : 0);
  // 2 ** 1024 is Infinity; the cap takes over long before.
  return Math.round(Math.min(cap, baseMs * 2 ** Math.min(consecutiveFailures - 1, 1023)));
}
