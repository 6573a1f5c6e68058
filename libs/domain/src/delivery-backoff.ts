/**
 * Delay before the next webhook attempt: exponential from `baseMs`, capped, with "full
 * jitter" so that many failing receivers do not retry in lockstep. `random` in [0, 1) is
 * passed in to keep this deterministic under test.
 */
export function nextRetryDelayMs(attempt: number, baseMs: number, random: number, capMs = 5 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
