import { compactActorPairEntries, compactSentimentEntries, LedgerCompaction, SqlRunner } from '@chronicle/read-models';
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

/** A ledger the worker keeps short: its compaction round and the metrics it reports to. */
interface CompactedLedger {
  name: string;
  compact: (manager: SqlRunner, maxEntries: number) => Promise<LedgerCompaction>;
  compacted: Counter;
  pending: Gauge;
}

/**
 * Keeps the append-only ledgers short (sentiment per actor and bucket, co-mentions per actor, week and other
 * actor): every `SENTIMENT_COMPACTION_INTERVAL_MS` it folds the new entries of each key into one row, one
 * ledger after the other, each in its own transaction. Every replica runs it; one compacts a ledger at a time
 * (the others find its compaction row locked and skip). Holds no state: where to resume is stored in the database.
 */
@Injectable()
export class LedgerCompactionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LedgerCompactionWorker.name);
  private readonly ledgers: readonly CompactedLedger[];
  private timer?: NodeJS.Timeout;
  private current: Promise<void> = Promise.resolve();
  private running = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {
    this.ledgers = [
      {
        name: 'sentiment',
        compact: compactSentimentEntries,
        compacted: metrics.sentimentEntriesCompacted,
        pending: metrics.sentimentEntriesPending,
      },
      {
        name: 'actor pairs',
        compact: compactActorPairEntries,
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
    for (const ledger of this.ledgers) {
      try {
        const result = await this.dataSource.transaction((manager) => ledger.compact(manager, ENTRIES_PER_TICK));
        ledger.compacted.inc(result.entriesRemoved);
        if (result.ran) ledger.pending.set(result.remaining);
      } catch (error) {
        this.logger.warn(`${ledger.name} compaction round failed (retried next tick): ${(error as Error).message}`);
      }
    }
  }
}
