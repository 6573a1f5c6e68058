import { ClassifiedFailure } from './failure-classification';

/** A failed try the batch server waits on before trying again (and reports in `/health`). */
export interface RetryNotice {
  kind: 'poison' | 'transient';
  /** Tries of this sub-batch so far that failed this way. */
  attempt: number;
  /** Offsets of the sub-batch that failed (first and last event; absent for a position-only step). */
  firstOffset?: string;
  lastOffset?: string;
  failure: ClassifiedFailure;
}

export interface PoisonIsolationOptions<E extends { offset: string }> {
  /** Applies a contiguous part of the batch and stores `nextOffset` as its position. */
  apply(events: E[], nextOffset: bigint): Promise<void>;
  classify(error: unknown): ClassifiedFailure;
  /** Tries of one event that failed as poison before it is dead-lettered. */
  maxAttempts: number;
  /** Waits before the next try; throws to abandon the batch (rebalance, shutdown). */
  backoff(notice: RetryNotice): Promise<void>;
  /** Sends one event that failed `attempts` times as poison to the dead-letter topic. */
  deadLetter(event: E, failure: ClassifiedFailure, attempts: number): Promise<void>;
}

/**
 * Applies a partition batch so that one poison event cannot hold back the others: transient
 * failures are retried (with the caller's backoff) until they pass, a batch that fails as poison is
 * split in halves applied in order, and a single event that still fails after `maxAttempts` tries
 * is dead-lettered and the position moved past it. Every good event is applied once, in offset
 * order, and the stored position always ends at `nextOffset`.
 * @returns the events dead-lettered.
 * @throws the original error of a rebalance, or whatever `backoff` throws to abandon the batch.
 */
export async function applyIsolatingPoison<E extends { offset: string }>(
  events: E[],
  nextOffset: bigint,
  options: PoisonIsolationOptions<E>,
): Promise<E[]> {
  const deadLettered: E[] = [];

  /** One try that passes transient failures by retrying; returns the poison failure, if any. */
  async function tryApply(part: E[], next: bigint): Promise<ClassifiedFailure | undefined> {
    for (let transientAttempt = 1; ; transientAttempt += 1) {
      try {
        await options.apply(part, next);
        return undefined;
      } catch (error) {
        const failure = options.classify(error);
        if (failure.kind === 'rebalance') throw error;
        if (failure.kind === 'poison') return failure;
        await options.backoff({ kind: 'transient', attempt: transientAttempt, ...span(part), failure });
      }
    }
  }

  async function isolate(part: E[], next: bigint): Promise<void> {
    let failure = await tryApply(part, next);
    if (!failure) return;
    if (part.length > 1) {
      const middle = Math.ceil(part.length / 2);
      const right = part.slice(middle);
      await isolate(part.slice(0, middle), BigInt(right[0]!.offset));
      await isolate(right, next);
      return;
    }
    if (part.length === 0) throw new PositionStepError(next, failure);
    let attempts = 1;
    while (failure && attempts < options.maxAttempts) {
      await options.backoff({ kind: 'poison', attempt: attempts, ...span(part), failure });
      failure = await tryApply(part, next);
      attempts += 1;
    }
    if (!failure) return;
    await options.deadLetter(part[0]!, failure, attempts);
    deadLettered.push(part[0]!);
    const stepFailure = await tryApply([], next);
    if (stepFailure) throw new PositionStepError(next, stepFailure);
  }

  await isolate(events, nextOffset);
  return deadLettered;
}

function span<E extends { offset: string }>(part: E[]): { firstOffset?: string; lastOffset?: string } {
  return part.length === 0 ? {} : { firstOffset: part[0]!.offset, lastOffset: part[part.length - 1]!.offset };
}

/**
 * Storing a position with no events failed as if poison: nothing in the data can be at fault, so
 * the handler itself is broken; the batch is abandoned rather than anything dead-lettered.
 */
export class PositionStepError extends Error {
  constructor(
    readonly nextOffset: bigint,
    readonly failure: ClassifiedFailure,
  ) {
    super(`storing position ${nextOffset} with no events failed: ${failure.errorClass}: ${failure.message}`);
    this.name = 'PositionStepError';
  }
}
