export interface HostGateConfig {
  /** Requests in flight at once to one host. */
  maxConcurrentPerHost: number;
  /** Least time between the starts of two requests to one host. */
  minIntervalMs: number;
  /** Idle hosts are forgotten once more than this many are tracked. */
  maxTrackedHosts: number;
}

export const DEFAULT_HOST_GATE_CONFIG: HostGateConfig = { maxConcurrentPerHost: 2, minIntervalMs: 1000, maxTrackedHosts: 1024 };

/** Longest robots.txt `Crawl-delay` honoured; a longer one is cut to this (one feed poll must still fit a claim). */
export const MAX_CRAWL_DELAY_MS = 30_000;

/** The gate's answer: go (and call `release` when done), or the host asked everyone to wait until `untilMs`. */
export type Admission = { admitted: true; release: () => void } | { admitted: false; untilMs: number };

interface Waiter {
  admit: (admission: Admission) => void;
}

interface HostState {
  active: number;
  lastStartMs: number;
  deferredUntilMs: number;
  queue: Waiter[];
  timer: NodeJS.Timeout | undefined;
}

/**
 * Per-host politeness: at most `maxConcurrentPerHost` requests in flight to a host, request starts
 * at least `minIntervalMs` apart, and a host-wide `Retry-After` remembered so that every source on
 * that host waits, not just the one that was told.
 *
 * The state is in memory and per process. That is enough because replicas of the feeds service
 * split sources between them by claims in Postgres, so one host's sources are normally polled by
 * one replica; with N replicas sharing a host the worst case is N times these limits.
 */
export class HostGate {
  private readonly hosts = new Map<string, HostState>();
  /** Per-host spacing a site asked for (robots.txt `Crawl-delay`), kept apart from the idle-host cleanup. */
  private readonly crawlDelays = new Map<string, number>();

  constructor(
    private readonly config: HostGateConfig = DEFAULT_HOST_GATE_CONFIG,
    private readonly now: () => number = Date.now,
  ) {
    if (!(config.maxConcurrentPerHost >= 1)) throw new RangeError('maxConcurrentPerHost must be at least 1');
    if (!(config.minIntervalMs >= 0)) throw new RangeError('minIntervalMs must not be negative');
  }

  /**
   * Waits for the host's turn. Resolves at once with `admitted: false` while the host's
   * Retry-After lasts (nobody queues for hours); rejects with the signal's reason when aborted.
   */
  acquire(host: string, signal?: AbortSignal): Promise<Admission> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const key = host.toLowerCase();
    if (!this.hosts.has(key) && this.hosts.size >= this.config.maxTrackedHosts) this.forgetIdleHosts();
    const state = this.state(key);
    return new Promise<Admission>((resolve, reject) => {
      const onAbort = () => {
        const index = state.queue.indexOf(waiter);
        if (index >= 0) state.queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        admit: (admission) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(admission);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      state.queue.push(waiter);
      this.pump(key, state);
    });
  }

  /** Remembers that the host asked for no requests before `untilMs` (a Retry-After); the later time wins. */
  deferHost(host: string, untilMs: number): void {
    const key = host.toLowerCase();
    const state = this.state(key);
    state.deferredUntilMs = Math.max(state.deferredUntilMs, untilMs);
    this.pump(key, state);
  }

  /**
   * Spaces request starts to `host` at least `delayMs` apart (robots.txt `Crawl-delay`), bounded
   * by {@link MAX_CRAWL_DELAY_MS}; never less than the gate's own spacing. The latest call wins.
   */
  setCrawlDelay(host: string, delayMs: number): void {
    const key = host.toLowerCase();
    const bounded = Math.min(Math.max(delayMs, 0), MAX_CRAWL_DELAY_MS);
    this.crawlDelays.delete(key);
    if (bounded > this.config.minIntervalMs) this.crawlDelays.set(key, bounded);
    // Bounded like the hosts: the oldest entry goes first.
    if (this.crawlDelays.size > this.config.maxTrackedHosts * 4) this.crawlDelays.delete(this.crawlDelays.keys().next().value!);
  }

  /** Until when the host asked us to wait, or null when it did not (or that time has passed). */
  deferredUntil(host: string): number | null {
    const until = this.hosts.get(host.toLowerCase())?.deferredUntilMs ?? 0;
    return until > this.now() ? until : null;
  }

  private state(key: string): HostState {
    let state = this.hosts.get(key);
    if (!state) {
      state = { active: 0, lastStartMs: Number.NEGATIVE_INFINITY, deferredUntilMs: 0, queue: [], timer: undefined };
      this.hosts.set(key, state);
    }
    return state;
  }

  private pump(key: string, state: HostState): void {
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    const now = this.now();
    if (state.deferredUntilMs > now) {
      for (const waiter of state.queue.splice(0)) waiter.admit({ admitted: false, untilMs: state.deferredUntilMs });
      return;
    }
    while (state.queue.length > 0 && state.active < this.config.maxConcurrentPerHost) {
      const earliest = state.lastStartMs + this.intervalFor(key);
      if (now < earliest) {
        state.timer = setTimeout(() => this.pump(key, state), earliest - now);
        state.timer.unref();
        return;
      }
      const waiter = state.queue.shift()!;
      state.active += 1;
      state.lastStartMs = now;
      let released = false;
      waiter.admit({
        admitted: true,
        release: () => {
          if (released) return;
          released = true;
          state.active -= 1;
          this.pump(key, state);
        },
      });
    }
  }

  private intervalFor(key: string): number {
    return this.crawlDelays.get(key) ?? this.config.minIntervalMs;
  }

  private forgetIdleHosts(): void {
    const now = this.now();
    for (const [key, state] of this.hosts) {
      const idle = state.active === 0 && state.queue.length === 0 && state.timer === undefined;
      if (idle && state.deferredUntilMs <= now && state.lastStartMs + this.intervalFor(key) <= now) this.hosts.delete(key);
    }
  }
}
