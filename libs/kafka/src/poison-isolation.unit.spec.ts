import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClassifiedFailure, classifyFailure } from './failure-classification';
import { applyIsolatingPoison, RetryNotice } from './poison-isolation';

interface TestEvent {
  offset: string;
  poison: boolean;
}

class ConstraintViolation extends Error {
  readonly code = '23514';
  constructor() {
    super('new row violates check constraint');
    this.name = 'QueryFailedError';
  }
}

class ConnectionLost extends Error {
  readonly code = 'ECONNREFUSED';
}

/**
 * A store that applies a part atomically (all or nothing, like one transaction): it refuses any
 * part holding a poison event, and fails transiently on the calls listed in `transientCalls`.
 */
function fakeStore(transientCalls: Set<number> = new Set()) {
  const store = { applied: [] as string[], position: -1n, calls: 0 };
  const apply = async (part: TestEvent[], next: bigint): Promise<void> => {
    store.calls += 1;
    if (transientCalls.has(store.calls)) throw new ConnectionLost('connect ECONNREFUSED 127.0.0.1:5432');
    if (part.some((e) => e.poison)) throw new ConstraintViolation();
    if (next < store.position) throw new Error(`position went back from ${store.position} to ${next}`);
    for (const event of part) {
      if (BigInt(event.offset) < store.position) throw new Error(`offset ${event.offset} applied after position ${store.position}`);
    }
    store.applied.push(...part.map((e) => e.offset));
    store.position = next;
  };
  return { store, apply };
}

function batchOf(flags: boolean[], firstOffset = 0): TestEvent[] {
  return flags.map((poison, i) => ({ offset: String(firstOffset + i), poison }));
}

function run(events: TestEvent[], next: bigint, apply: (p: TestEvent[], n: bigint) => Promise<void>, maxAttempts = 3) {
  const notices: RetryNotice[] = [];
  const letters: Array<{ offset: string; failure: ClassifiedFailure; attempts: number }> = [];
  const done = applyIsolatingPoison(events, next, {
    apply,
    classify: classifyFailure,
    maxAttempts,
    backoff: async (notice) => {
      notices.push(notice);
    },
    deadLetter: async (event, failure, attempts) => {
      letters.push({ offset: event.offset, failure, attempts });
    },
  });
  return { done, notices, letters };
}

describe(applyIsolatingPoison.name, () => {
  describe('when a batch holds poison events among good ones', () => {
    it('applies every good event once and in order, dead-letters each poison event, and ends at the batch position', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 0, max: 99 }).map((n) => n < 15), { minLength: 1, maxLength: 120 }),
          fc.nat({ max: 1000 }),
          async (flags, firstOffset) => {
            const events = batchOf(flags, firstOffset);
            const next = BigInt(firstOffset + events.length);
            const { store, apply } = fakeStore();
            const { done, letters } = run(events, next, apply);
            const deadLettered = await done;
            expect(store.applied).toEqual(events.filter((e) => !e.poison).map((e) => e.offset));
            expect(deadLettered.map((e) => e.offset)).toEqual(events.filter((e) => e.poison).map((e) => e.offset));
            expect(letters.every((l) => l.attempts === 3 && l.failure.errorClass === 'QueryFailedError/23514')).toBe(true);
            expect(store.position).toBe(next);
          },
        ),
        { numRuns: 200 },
      );
    });
  });

  describe('when the database is briefly unreachable on some tries', () => {
    it('retries those tries without dead-lettering anything good', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }),
          fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 10 }),
          async (flags, transient) => {
            const events = batchOf(flags.map((f, i) => f && i % 7 === 3));
            const { store, apply } = fakeStore(new Set(transient));
            const { done, notices } = run(events, BigInt(events.length), apply);
            const deadLettered = await done;
            expect(deadLettered.every((e) => e.poison)).toBe(true);
            expect(deadLettered.length).toBe(events.filter((e) => e.poison).length);
            expect(store.applied).toEqual(events.filter((e) => !e.poison).map((e) => e.offset));
            expect(notices.filter((n) => n.kind === 'transient').length).toBe(
              transient.filter((call) => call <= store.calls).length,
            );
          },
        ),
      );
    });
  });

  describe('when an event fails alone once and then passes', () => {
    it('applies it instead of dead-lettering it', async () => {
      const events = batchOf([false, false, false]);
      // Fails the whole batch, its left half, and the event's first try alone.
      let failures = 3;
      const { store, apply } = fakeStore();
      const { done, notices } = run(events, 3n, async (part, next) => {
        if (failures > 0 && part.some((e) => e.offset === '1')) {
          failures -= 1;
          throw new ConstraintViolation();
        }
        await apply(part, next);
      });
      expect(await done).toEqual([]);
      expect(store.applied).toEqual(['0', '1', '2']);
      expect(notices.map((n) => [n.kind, n.firstOffset])).toEqual([['poison', '1']]);
    });
  });

  describe('when the poison event is the last of the batch', () => {
    it('stores the batch position anyway, so a redelivery does not meet it again', async () => {
      const { store, apply } = fakeStore();
      const { done } = run(batchOf([false, true]), 2n, apply);
      expect((await done).map((e) => e.offset)).toEqual(['1']);
      expect(store.position).toBe(2n);
    });
  });

  describe('with one attempt allowed', () => {
    it('dead-letters after the first failure, counting one attempt', async () => {
      const { apply } = fakeStore();
      const { done, letters, notices } = run(batchOf([true]), 1n, apply, 1);
      await done;
      expect(letters.map((l) => l.attempts)).toEqual([1]);
      expect(notices).toEqual([]);
    });
  });

  describe('when the consumer is rebalanced during a try', () => {
    it('abandons the batch with the rebalance error and dead-letters nothing', async () => {
      const rebalance = Object.assign(new Error('The group is rebalancing'), { name: 'KafkaJSProtocolError', type: 'REBALANCE_IN_PROGRESS' });
      const { done, letters } = run(batchOf([false, true]), 2n, async () => {
        throw rebalance;
      });
      await expect(done).rejects.toBe(rebalance);
      expect(letters).toEqual([]);
    });
  });
});
