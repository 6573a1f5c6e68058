import { ACTOR_PAIR_ENTRIES_TABLE, compactSentimentEntries, packActorPairEntries, totalDayEntries } from '@chronicle/read-models';
import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { aggregatesDeferred } from '@chronicle/persistence';
import { MetricsRegistry } from '@chronicle/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * New sentiment entries one tick looks at, at most: a budget, as autovacuum has one. In steady state a tick
 * sees far fewer; while the projector works off a backlog, compaction takes a bounded share of the
 * database and falls behind, then catches up (a key looked at later has more entries to fold per
 * row rewritten). Reads are exact either way, only longer while entries wait.
 */
const ENTRIES_PER_TICK = 50_000;

/**
 * Day entries one tick moves into the running totals, at most. A live tick meets about one entry per actor
 * mentioned since the last; a backlog, or a rebuild's derived entries, is worked off over several ticks (reads sum
 * the entries not moved yet meanwhile).
 */
export const TOTALLED_ENTRIES_PER_TICK = 50_000;

/**
 * Co-mention entries one tick moves into the packed weeks, at most. Only a store written before projector batches
 * added change rows to the packed weeks has entries (some 90 per article); they are worked off over several ticks
 * (reads sum the entries not packed yet meanwhile). A rebuild derives packed weeks, not entries.
 */
export const PACKED_ENTRIES_PER_TICK = 50_000;

/**
 * Keeps the append-only ledgers short. Every `SENTIMENT_COMPACTION_INTERVAL_MS` it folds the new entries of each
 * sentiment hour (actor and hour) into one row, and moves new sentiment day entries into the running totals trends
 * read, folding each day's into one row (`totalDayEntries`); it merges the change rows projector batches add to the packed weeks related actors read,
 * once a week has piled up a few, and moves co-mention entries left from before change rows into those weeks
 * (`packActorPairEntries`). Each step is a transaction of its own. Every replica runs it; one works on a ledger at a
 * time (the others find its compaction row locked and skip). Holds no state: where to resume is stored in the
 * database.
 */
@Injectable()
export class LedgerCompactionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LedgerCompactionWorker.name);
  private timer?: NodeJS.Timeout;
  private current: Promise<void> = Promise.resolve();
  private running = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.projection.sentimentCompactionIntervalMs;
    if (interval > 0) this.timer = setInterval(() => void this.tick(), interval);
  }

  /** Stops the timer and waits for a round in progress (it would otherwise outlive the connection pool). */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.current;
  }

  /** Runs a round (compaction, totals, packing) unless one is running already; resolves when it is done. */
  tick(): Promise<void> {
    if (this.running) return this.current;
    this.running = true;
    this.current = this.round().finally(() => {
      this.running = false;
    });
    return this.current;
  }

  private async round(): Promise<void> {
    if (await this.aggregatesStillDeferred()) return;
    await this.step('sentiment compaction', async () => {
      const round = await this.dataSource.transaction((manager) => compactSentimentEntries(manager, ENTRIES_PER_TICK));
      this.metrics.sentimentEntriesCompacted.inc(round.entriesRemoved);
      if (round.ran) this.metrics.sentimentEntriesPending.set(round.remaining);
    });
    await this.step('running totals', async () => {
      const round = await this.dataSource.transaction((manager) => totalDayEntries(manager, TOTALLED_ENTRIES_PER_TICK));
      this.metrics.sentimentDayEntriesTotalled.inc(round.totalled);
      this.metrics.sentimentEntriesCompacted.inc(round.entriesRemoved);
    });
    await this.step('co-mention packing', async () => {
      const round = await this.dataSource.transaction((manager) => packActorPairEntries(manager, PACKED_ENTRIES_PER_TICK));
      this.metrics.actorPairEntriesPacked.inc(round.packed);
      this.metrics.actorPairWeeksMerged.inc(round.weeksMerged);
      if (round.ran) {
        this.metrics.actorPairEntriesPending.set(round.packed < PACKED_ENTRIES_PER_TICK ? 0 : await this.pairEntriesLeft());
      }
    });
  }

  /**
   * True in a rebuild's projector until its aggregates are derived: there is nothing to keep short while it loads
   * rows, and once a derivation has filled a ledger, a round would compete for the cores with the derivations still
   * running (a 100,000-event rebuild's running totals: about 4 s of PostgreSQL's time, plus rounds waiting on the
   * derivations' table locks). Reads are exact without the rounds; the rounds resume once the gate flips.
   */
  private async aggregatesStillDeferred(): Promise<boolean> {
    if (this.config.projection.aggregates !== 'deferred') return false;
    try {
      return await aggregatesDeferred(this.dataSource.manager, this.config.database.schema);
    } catch (error) {
      this.logger.warn(`reading the aggregate gate failed (retried next tick): ${(error as Error).message}`);
      return true;
    }
  }

  /** Runs one step of a round; a step that fails is logged and retried next tick, and the others still run. */
  private async step(name: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn(`${name} round failed (retried next tick): ${(error as Error).message}`);
    }
  }

  /** Co-mention entries in the ledger (all not packed yet), counted up to a million: a backlog's size, cheaply bounded. */
  private async pairEntriesLeft(): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT FROM ${ACTOR_PAIR_ENTRIES_TABLE} LIMIT 1000000) e`,
    );
    return n;
  }
}
