import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Admission, HostGate } from './host-gate';

const admitted = (admission: Admission) => {
  if (!admission.admitted) throw new Error('expected admission');
  return admission;
};

describe(HostGate.name, () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());
  const gate = () => new HostGate({ maxConcurrentPerHost: 2, minIntervalMs: 1000, maxTrackedHosts: 10 }, () => Date.now());

  describe('when more requests than the limit ask for one host', () => {
    it('admits them at most two at a time and at least a second apart', async () => {
      const hostGate = gate();
      const starts: number[] = [];
      const releases: Array<() => void> = [];
      for (let i = 0; i < 4; i += 1)
        void hostGate.acquire('example.org').then((a) => {
          starts.push(Date.now());
          releases.push(admitted(a).release);
        });
      await vi.advanceTimersByTimeAsync(0);
      expect(starts).toEqual([1_000_000]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(starts).toEqual([1_000_000, 1_001_000]);
      await vi.advanceTimersByTimeAsync(5000);
      expect(starts).toHaveLength(2);
      releases[0]!();
      await vi.advanceTimersByTimeAsync(0);
      expect(starts).toEqual([1_000_000, 1_001_000, 1_006_000]);
    });

    it('lets another host go at once', async () => {
      const hostGate = gate();
      admitted(await hostGate.acquire('a.example'));
      admitted(await hostGate.acquire('b.example'));
    });
  });

  describe('when the host asked to wait', () => {
    it('answers waiters and newcomers with the time instead of queueing them', async () => {
      const hostGate = gate();
      admitted(await hostGate.acquire('example.org'));
      const queued = hostGate.acquire('example.org');
      hostGate.deferHost('EXAMPLE.org', 1_060_000);
      expect(await queued).toEqual({ admitted: false, untilMs: 1_060_000 });
      expect(await hostGate.acquire('example.org')).toEqual({ admitted: false, untilMs: 1_060_000 });
      expect(hostGate.deferredUntil('example.org')).toBe(1_060_000);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(hostGate.deferredUntil('example.org')).toBeNull();
      admitted(await hostGate.acquire('example.org'));
    });
  });

  describe('when a site sets a Crawl-delay', () => {
    it('spaces that host by the delay, capped at 30 s, and leaves other hosts alone', async () => {
      const hostGate = gate();
      hostGate.setCrawlDelay('slow.example', 5000);
      hostGate.setCrawlDelay('slower.example', 3_600_000);
      const starts: Record<string, number[]> = {};
      for (const host of ['slow.example', 'slower.example', 'other.example'])
        for (let i = 0; i < 2; i += 1)
          void hostGate.acquire(host).then((a) => {
            (starts[host] ??= []).push(Date.now());
            admitted(a).release();
          });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(starts['slow.example']).toEqual([1_000_000, 1_005_000]);
      expect(starts['slower.example']).toEqual([1_000_000, 1_030_000]);
      expect(starts['other.example']).toEqual([1_000_000, 1_001_000]);
    });

    it('never spaces a host less than the gate does', async () => {
      const hostGate = gate();
      hostGate.setCrawlDelay('example.org', 100);
      const starts: number[] = [];
      for (let i = 0; i < 2; i += 1)
        void hostGate.acquire('example.org').then((a) => {
          starts.push(Date.now());
          admitted(a).release();
        });
      await vi.advanceTimersByTimeAsync(5000);
      expect(starts).toEqual([1_000_000, 1_001_000]);
    });
  });

  describe('when a waiter is aborted', () => {
    it('rejects with the reason and gives its turn to the next', async () => {
      const hostGate = gate();
      admitted(await hostGate.acquire('example.org'));
      const controller = new AbortController();
      const aborted = hostGate.acquire('example.org', controller.signal);
      const next = hostGate.acquire('example.org');
      controller.abort(new Error('shutting down'));
      await expect(aborted).rejects.toThrow('shutting down');
      await vi.advanceTimersByTimeAsync(1000);
      admitted(await next);
    });
  });
});
