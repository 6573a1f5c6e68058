import {
  ACTOR_PAIR_ENTRIES_TABLE,
  packActorPairEntries,
  SENTIMENT_ENTRIES_TABLE,
  totalHourEntries,
  TOTALLED_BELOW,
} from '@chronicle/read-models';
import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { aggregatesDeferred } from '@chronicle/persistence';
import { MetricsRegistry } from '@chronicle/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Crowded hours one tick folds at most (those the tick's new entries touched with
 * `FOLDED_ENTRIES_PER_HOUR` entries or more): a budget, as autovacuum has one. Totalling has none: it adds every
 * entry of the transactions that have ended since the last tick and writes no entry, so a backlog (a rebuild's
 * derived entries) is one aggregate over them.
 */
export const FOLDED_HOURS_PER_TICK = 50_000;

/**
 * Co-mention entries one tick moves into the packed weeks, at most. Only a store written before projector batches
 * added change rows to the packed weeks has entries (some 90 per article); they are worked off over several ticks
 * (reads sum the entries not packed yet meanwhile). A rebuild derives packed weeks, not entries.
 */
export const PACKED_ENTRIES_PER_TICK = 50_000;

/**
 * Keeps the append-only ledgers short. Every `SENTIMENT_COMPACTION_INTERVAL_MS` it adds the sentiment entries of
 * the transactions that have ended to the running totals trends read and moves the mark past them, folding hours that
 * have piled up a few entries into one row (`totalHourEntries`); it merges the change rows projector batches add to the packed weeks related actors read,
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

  /** Runs a round (totals, packing) unless one is running already; resolves when it is done. */
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
    await this.step('running totals', async () => {
      const round = await this.dataSource.transaction((manager) => totalHourEntries(manager, FOLDED_HOURS_PER_TICK));
      this.metrics.sentimentEntriesTotalled.inc(round.totalled);
      this.metrics.sentimentEntriesCompacted.inc(round.entriesRemoved);
      if (round.ran) {
        this.metrics.sentimentEntriesPending.set(await this.entriesLeft(SENTIMENT_ENTRIES_TABLE, `xact >= ${TOTALLED_BELOW}`));
      }
    });
    await this.step('co-mention packing', async () => {
      const round = await this.dataSource.transaction((manager) => packActorPairEntries(manager, PACKED_ENTRIES_PER_TICK));
      this.metrics.actorPairEntriesPacked.inc(round.packed);
      this.metrics.actorPairWeeksMerged.inc(round.weeksMerged);
      if (round.ran) {
        this.metrics.actorPairEntriesPending.set(
          round.packed < PACKED_ENTRIES_PER_TICK ? 0 : await this.entriesLeft(ACTOR_PAIR_ENTRIES_TABLE, 'true'),
        );
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

  /** A ledger's entries still to move (`waiting`), counted up to a million: a backlog's size, cheaply bounded. */
  private async entriesLeft(ledger: string, waiting: string): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT FROM ${ledger} WHERE ${waiting} LIMIT 1000000) e`,
    );
    return n;
  }
}
