import {
  ACTOR_PAIR_ENTRIES_TABLE,
  compactLedger,
  Ledger,
  packActorPairEntries,
  SENTIMENT_LEDGER,
  totalDayEntries,
} from '@chronicle/read-models';
import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { MetricsRegistry } from '@chronicle/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * New entries one tick looks at per ledger, at most: a budget, as autovacuum has one. In steady state a tick
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
 * Co-mention entries one tick moves into the packed weeks, at most. Live, a tick meets some 90 entries per article
 * projected since the last; a backlog, or a rebuild's derived entries, is worked off over several ticks (reads sum
 * the entries not packed yet meanwhile).
 */
export const PACKED_ENTRIES_PER_TICK = 50_000;

/** A ledger the worker keeps short: its definition and the metrics it reports to. */
interface CompactedLedger {
  name: string;
  ledger: Ledger;
  compacted: Counter;
  pending: Gauge;
}

/**
 * Keeps the append-only ledgers short. Every `SENTIMENT_COMPACTION_INTERVAL_MS` it folds the new entries of each
 * sentiment key (actor and bucket) into one row, and moves new sentiment day entries into the running totals trends
 * read (`totalDayEntries`); it moves new co-mention entries (actor, week, other actor) into the packed weeks related
 * actors read (`packActorPairEntries`), which empties that ledger, so it needs no compaction. Each step is a
 * transaction of its own. Every replica runs it; one works on a ledger at a time (the others find its compaction
 * row locked and skip). Holds no state: where to resume is stored in the database.
 */
@Injectable()
export class LedgerCompactionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LedgerCompactionWorker.name);
  private readonly ledgers: readonly CompactedLedger[];
  private readonly totalled: Counter;
  private readonly pairsPacked: Counter;
  private readonly pairsPending: Gauge;
  private timer?: NodeJS.Timeout;
  private current: Promise<void> = Promise.resolve();
  private running = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {
    this.totalled = metrics.sentimentDayEntriesTotalled;
    this.pairsPacked = metrics.actorPairEntriesPacked;
    this.pairsPending = metrics.actorPairEntriesPending;
    this.ledgers = [
      {
        name: 'sentiment',
        ledger: SENTIMENT_LEDGER,
        compacted: metrics.sentimentEntriesCompacted,
        pending: metrics.sentimentEntriesPending,
      },
    ];
  }

  onApplicationBootstrap(): void {
    const interval = this.config.projection.sentimentCompactionIntervalMs;
    if (interval > 0) this.timer = setInterval(() => void this.tick(), interval);
  }

  /** Stops the timer and waits for a round in progress (it would otherwise outlive the connection pool). */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.current;
  }

  /** Runs a compaction round of every ledger unless one is running already; resolves when it is done. */
  tick(): Promise<void> {
    if (this.running) return this.current;
    this.running = true;
    this.current = this.round().finally(() => {
      this.running = false;
    });
    return this.current;
  }

  private async round(): Promise<void> {
    for (const { name, ledger, compacted, pending } of this.ledgers) {
      try {
        const result = await this.dataSource.transaction((manager) => compactLedger(manager, ledger, ENTRIES_PER_TICK));
        compacted.inc(result.entriesRemoved);
        if (result.ran) pending.set(result.remaining);
      } catch (error) {
        this.logger.warn(`${name} compaction round failed (retried next tick): ${(error as Error).message}`);
      }
    }
    try {
      const round = await this.dataSource.transaction((manager) => totalDayEntries(manager, TOTALLED_ENTRIES_PER_TICK));
      this.totalled.inc(round.totalled);
    } catch (error) {
      this.logger.warn(`running totals round failed (retried next tick): ${(error as Error).message}`);
    }
    try {
      const round = await this.dataSource.transaction((manager) => packActorPairEntries(manager, PACKED_ENTRIES_PER_TICK));
      this.pairsPacked.inc(round.packed);
      if (round.ran) this.pairsPending.set(round.packed < PACKED_ENTRIES_PER_TICK ? 0 : await this.pairEntriesLeft());
    } catch (error) {
      this.logger.warn(`co-mention packing round failed (retried next tick): ${(error as Error).message}`);
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
