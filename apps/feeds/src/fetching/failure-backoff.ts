import { nextRetryDelayMs } from '@chronicle/domain';

export interface FailureBackoffConfig {
  /** Wait after the first failure. */
  baseMs: number;
  /** Longest wait, however long a source has been failing. */
  capMs: number;
}

export const DEFAULT_FAILURE_BACKOFF: FailureBackoffConfig = { baseMs: 60_000, capMs: 6 * 3600_000 };

/**
 * When a failing source is polled next: exponential in its consecutive failures with jitter (the
 * same curve as webhook retries), and never before a server's Retry-After. `random` in [0, 1) is
 * passed in so the schedule is deterministic under test.
 *
 * Stand-in until libs/feeds exports its `failureBackoff`; then this file goes.
 */
export function nextPollAfterFailureMs(
  consecutiveFailures: number,
  nowMs: number,
  random: number,
  config: FailureBackoffConfig = DEFAULT_FAILURE_BACKOFF,
  retryAfterUntilMs?: number,
): number {
  const backoff = nowMs + nextRetryDelayMs(Math.max(1, consecutiveFailures), config.baseMs, random, config.capMs);
  return Math.max(backoff, retryAfterUntilMs ?? 0);
}
