import { RetryNotice } from './poison-isolation';

export interface ConsumerHealthOptions {
  /** A partition with lag that has not moved for this long is stalled. */
  stallMs: number;
  /** Dead letters per minute above which the consumer is degraded (0: never). */
  deadLettersPerMinute: number;
}

/** One partition this replica owns, as `/health` and `chronicle status` show it. */
export interface PartitionHealth {
  topic: string;
  partition: number;
  /** Offset of the next event to handle (the stored or committed position). */
  position?: string;
  /** The broker's end offset (high watermark) when last asked. */
  endOffset?: string;
  lag?: number;
  lastProgressAt: number;
  /** Set while a batch of this partition is failing and being retried. */
  retrying?: RetryNotice & { since: number };
}

export type HealthProblem =
  | { kind: 'stalled'; topic: string; partition: number; position?: string; lag: number; stalledForSeconds: number; lastError?: string }
  | { kind: 'retrying'; topic: string; partition: number; offset?: string; attempt: number; failure: string; error: string }
  | { kind: 'dead-letter-rate'; perMinute: number; limit: number };

export interface ConsumerHealthReport {
  status: 'ok' | 'degraded';
  problems: HealthProblem[];
  partitions: Array<Omit<PartitionHealth, 'lastProgressAt' | 'retrying'> & { lastProgressAt: string; lastError?: string }>;
  deadLetteredLastMinute: number;
  lastError?: { at: string; topic: string; partition: number; error: string };
}

const MINUTE_MS = 60_000;

/**
 * What one consumer replica knows about its partitions' progress: positions handled, the broker's
 * end offsets, failing batches and dead letters. Pure bookkeeping; time comes in as arguments.
 */
export class ConsumerHealth {
  private readonly partitions = new Map<string, PartitionHealth>();
  private deadLetterTimes: number[] = [];
  private lastError?: { at: number; topic: string; partition: number; error: string };

  constructor(private readonly options: ConsumerHealthOptions) {}

  /** The partitions the group gave this replica; progress clocks start now for new ones. */
  assigned(assignment: Record<string, number[]>, now: number): void {
    const keep = new Set<string>();
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        const key = keyOf(topic, partition);
        keep.add(key);
        if (!this.partitions.has(key)) this.partitions.set(key, { topic, partition, lastProgressAt: now });
      }
    }
    for (const key of [...this.partitions.keys()]) if (!keep.has(key)) this.partitions.delete(key);
  }

  /** A batch was handled: the partition is at `nextOffset` and no longer failing. */
  progressed(topic: string, partition: number, nextOffset: bigint, now: number): void {
    const state = this.stateOf(topic, partition, now);
    state.position = maxOffset(state.position, nextOffset.toString());
    state.lastProgressAt = now;
    state.retrying = undefined;
    this.updateLag(state);
  }

  /** A batch of the partition failed and will be tried again. */
  retrying(topic: string, partition: number, notice: RetryNotice, now: number): void {
    const state = this.stateOf(topic, partition, now);
    state.retrying = { ...notice, since: state.retrying?.since ?? now };
    this.lastError = { at: now, topic, partition, error: `${notice.failure.errorClass}: ${notice.failure.message}` };
  }

  deadLettered(count: number, now: number): void {
    for (let i = 0; i < count; i += 1) this.deadLetterTimes.push(now);
  }

  /**
   * The broker's view of a partition: its end offset and the group's committed offset. A partition
   * whose position has moved (a batch handled elsewhere before a rebalance) counts as progress.
   */
  observedOffsets(
    topic: string,
    partition: number,
    offsets: { end: string; start: string; committed?: string },
    now: number,
  ): void {
    const state = this.partitions.get(keyOf(topic, partition));
    if (!state) return;
    const before = state.position;
    // -1: the group never committed here; it starts at the log start.
    const committed = offsets.committed === undefined || BigInt(offsets.committed) < 0n ? offsets.start : offsets.committed;
    state.position = maxOffset(state.position, committed);
    if (before !== undefined && state.position !== before) state.lastProgressAt = now;
    state.endOffset = offsets.end;
    this.updateLag(state);
    if (state.lag === 0) state.lastProgressAt = now;
  }

  report(now: number): ConsumerHealthReport {
    this.deadLetterTimes = this.deadLetterTimes.filter((t) => now - t < MINUTE_MS);
    const problems: HealthProblem[] = [];
    const lastError = this.lastError && `${this.lastError.error}`;
    for (const state of this.sorted()) {
      if (state.retrying) {
        problems.push({
          kind: 'retrying',
          topic: state.topic,
          partition: state.partition,
          offset: state.retrying.firstOffset,
          attempt: state.retrying.attempt,
          failure: state.retrying.kind,
          error: `${state.retrying.failure.errorClass}: ${state.retrying.failure.message}`,
        });
      }
      const stalledFor = now - state.lastProgressAt;
      if ((state.lag ?? 0) > 0 && stalledFor >= this.options.stallMs) {
        problems.push({
          kind: 'stalled',
          topic: state.topic,
          partition: state.partition,
          position: state.position,
          lag: state.lag!,
          stalledForSeconds: Math.round(stalledFor / 1000),
          ...(state.retrying ? { lastError: `${state.retrying.failure.errorClass}: ${state.retrying.failure.message}` } : {}),
        });
      }
    }
    const limit = this.options.deadLettersPerMinute;
    if (limit > 0 && this.deadLetterTimes.length > limit) {
      problems.push({ kind: 'dead-letter-rate', perMinute: this.deadLetterTimes.length, limit });
    }
    return {
      status: problems.length === 0 ? 'ok' : 'degraded',
      problems,
      partitions: this.sorted().map(({ lastProgressAt, retrying, ...rest }) => ({
        ...rest,
        lastProgressAt: new Date(lastProgressAt).toISOString(),
        ...(retrying ? { lastError: `${retrying.failure.errorClass}: ${retrying.failure.message}` } : {}),
      })),
      deadLetteredLastMinute: this.deadLetterTimes.length,
      ...(this.lastError && lastError
        ? { lastError: { ...this.lastError, at: new Date(this.lastError.at).toISOString(), error: lastError } }
        : {}),
    };
  }

  /** Current lag of each owned partition whose end offset is known. */
  lags(): Array<{ topic: string; partition: number; lag: number }> {
    return this.sorted().flatMap((s) => (s.lag === undefined ? [] : [{ topic: s.topic, partition: s.partition, lag: s.lag }]));
  }

  private stateOf(topic: string, partition: number, now: number): PartitionHealth {
    const key = keyOf(topic, partition);
    let state = this.partitions.get(key);
    if (!state) {
      state = { topic, partition, lastProgressAt: now };
      this.partitions.set(key, state);
    }
    return state;
  }

  private updateLag(state: PartitionHealth): void {
    if (state.endOffset === undefined || state.position === undefined) return;
    const lag = BigInt(state.endOffset) - BigInt(state.position);
    state.lag = lag > 0n ? Number(lag) : 0;
  }

  private sorted(): PartitionHealth[] {
    return [...this.partitions.values()].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }
}

function keyOf(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

function maxOffset(current: string | undefined, candidate: string): string {
  if (current === undefined) return candidate;
  return BigInt(candidate) > BigInt(current) ? candidate : current;
}
