import { failureBackoff, FeedEntry, nextPollDelay, ParsedFeed } from '@chronicle/feeds';
import { createHash } from 'node:crypto';

/** Bounds of a source's adaptive poll interval (`FEEDS_MIN_INTERVAL_SECONDS`, `FEEDS_MAX_INTERVAL_SECONDS`). */
export interface IntervalLimits {
  minMs: number;
  maxMs: number;
}

/** Longest wait after failures, however long a source has been failing (unless the interval itself is longer). */
export const FAILURE_BACKOFF_CAP_MS = 6 * 3600_000;

/** Guids longer than this are stored as their hash: a btree key must stay small, and a guid is outside text. */
const MAX_STORED_GUID_LENGTH = 512;

/** The key an entry is remembered by in `feed_entries_seen`: its guid, or `sha256:<hex>` of a long one. */
export function entryKey(guid: string): string {
  if (guid.length <= MAX_STORED_GUID_LENGTH) return guid;
  return `sha256:${createHash('sha256').update(guid, 'utf8').digest('hex')}`;
}

/** Whether an entry's text is only a summary (or nothing), so its page is fetched for the full text. */
export function needsPage(entry: FeedEntry): boolean {
  return entry.contentHtml === undefined || entry.contentHtml.trim() === '';
}

/** The outlet articles of a source are filed under: the source's own, else the host of the feed's site (else of the feed). */
export function outletFor(sourceOutlet: string | null, feed: ParsedFeed, feedUrl: string): string | undefined {
  if (sourceOutlet) return sourceOutlet;
  for (const url of [feed.siteUrl, feedUrl]) {
    if (!url) continue;
    try {
      const host = new URL(url).hostname.replace(/^www\./, '');
      if (host) return host;
    } catch {
      // Not a URL: try the next one.
    }
  }
  return undefined;
}

/**
 * The next poll after a successful fetch (with `entries` when the feed changed, none after a
 * 304): `nextPollDelay` over the entries' publication times, starting from the current interval.
 */
export function scheduleAfterSuccess(
  entries: readonly FeedEntry[],
  intervalSeconds: number,
  limits: IntervalLimits,
  nowMs: number,
): { intervalSeconds: number; nextPollAt: Date } {
  const recentEntryTimes = entries.flatMap((entry) => (entry.publishedAt ? [Date.parse(entry.publishedAt)] : []));
  const delayMs = nextPollDelay({
    recentEntryTimes,
    lastIntervalMs: intervalSeconds * 1000,
    minMs: limits.minMs,
    maxMs: limits.maxMs,
  });
  return { intervalSeconds: Math.max(1, Math.round(delayMs / 1000)), nextPollAt: new Date(nowMs + delayMs) };
}

/**
 * The next poll after the `consecutiveFailures`-th failure in a row: the usual interval or the
 * failure backoff (doubling from the interval, capped), whichever is longer, plus up to 10% jitter
 * so sources that failed together do not retry together; never before a server's Retry-After.
 * `random` in [0, 1) is passed in so the schedule is deterministic under test.
 */
export function scheduleAfterFailure(
  consecutiveFailures: number,
  intervalSeconds: number,
  nowMs: number,
  random: number,
  retryAfterUntilMs?: number,
): Date {
  const intervalMs = intervalSeconds * 1000;
  const backoffMs = failureBackoff(consecutiveFailures, intervalMs, Math.max(intervalMs, FAILURE_BACKOFF_CAP_MS));
  const delayMs = Math.max(intervalMs, backoffMs);
  const jittered = nowMs + Math.round(delayMs * (1 + 0.1 * Math.min(Math.max(random, 0), 1)));
  return new Date(Math.max(jittered, retryAfterUntilMs ?? 0));
}
