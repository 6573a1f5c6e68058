import {
  ACTOR_PAIR_LEDGER,
  compactLedger,
  Ledger,
  LedgerCompaction,
  SENTIMENT_LEDGER,
  sweepLedger,
  totalDayEntries,
} from '@chronicle/read-models';
import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { MetricsRegistry } from '@chronicle/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';

/**
 * New entries one tick looks at per ledger, at most: a budget, as autovacuum has one. In steady state a tick
 * sees far fewer; while the projector works off a backlog, compaction takes a bounded share of the
 * database and falls behind, then catches up (a key looked at later has more entries to fold per
 * row rewritten). Reads are exact either way, only longer while entries wait.
 */
const ENTRIES_PER_TICK = 50_000;

/**
 * A round that looked at fewer new entries than this (half its budget) finds the projector keeping up easily, and
 * the tick then sweeps a ledger whose rounds fold only repeated keys (`sweepLedger`), at most
 * `SWEEP_ENTRIES_PER_TICK` entries of it. The sweep probes every key it meets: work that waits while the projector
 * works off a backlog. World news (about 17 articles a second, some 90 co-mention entries each) gives about 15,000
 * entries a tick, so it is swept at a little more than the rate it is written.
 */
export const QUIET_ROUND_ENTRIES = 25_000;
export const SWEEP_ENTRIES_PER_TICK = 20_000;

/**
 * Day entries one tick moves into the running totals, at most. A live tick meets about one entry per actor
 * mentioned since the last; a backlog, or a rebuild's derived entries, is worked off over several ticks (reads sum
 * the entries not moved yet meanwhile).
 */
export const TOTALLED_ENTRIES_PER_TICK = 50_000;

/** A ledger the worker keeps short: its definition and the metrics it reports to. */
interface CompactedLedger {
  name: string;
  ledger: Ledger;
  compacted: Counter;
  pending: Gauge;
}

/**
 * Keeps the append-only ledgers short (sentiment per actor and bucket, co-mentions per actor, week and other
 * actor): every `SENTIMENT_COMPACTION_INTERVAL_MS` it folds the new entries of each key into one row, one
 * ledger after the other, each in its own transaction; when a round finds the projector quiet, it also sweeps
 * the co-mentions a little further (`sweepLedger`). Then it moves new sentiment day entries into the
 * running totals trends read (`totalDayEntries`), in a transaction of its own. Every replica runs it; one compacts a ledger at a time
 * (the others find its compaction row locked and skip). Holds no state: where to resume is stored in the database.
 */
@Injectable()
export class LedgerCompactionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LedgerCompactionWorker.name);
  private readonly ledgers: readonly CompactedLedger[];
  private readonly totalled: Counter;
  private timer?: NodeJS.Timeout;
  private current: Promise<void> = Promise.resolve();
  private running = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {
    this.totalled = metrics.sentimentDayEntriesTotalled;
    this.ledgers = [
      {
        name: 'sentiment',
        ledger: SENTIMENT_LEDGER,
        compacted: metrics.sentimentEntriesCompacted,
        pending: metrics.sentimentEntriesPending,
      },
      {
        name: 'actor pairs',
        ledger: ACTOR_PAIR_LEDGER,
        compacted: metrics.actorPairEntriesCompacted,
        pending: metrics.actorPairEntriesPending,
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
        const result = await this.fold(ledger, compactLedger, ENTRIES_PER_TICK);
        compacted.inc(result.entriesRemoved);
        if (result.ran) pending.set(result.remaining);
        if (result.ran && result.lookedAt < QUIET_ROUND_ENTRIES && ledger.folds === 'repeated') {
          compacted.inc((await this.fold(ledger, sweepLedger, SWEEP_ENTRIES_PER_TICK)).entriesRemoved);
        }
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
  }

  private fold(
    ledger: Ledger,
    pass: (manager: EntityManager, ledger: Ledger, maxEntries: number) => Promise<LedgerCompaction>,
    maxEntries: number,
  ): Promise<LedgerCompaction> {
    return this.dataSource.transaction((manager) => pass(manager, ledger, maxEntries));
  }
}
