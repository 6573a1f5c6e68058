import { compactSentimentEntries } from '@chronicle/read-models';
import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { MetricsRegistry } from '@chronicle/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * New entries one tick looks at, at most: a budget, as autovacuum has one. In steady state a tick
 * sees far fewer; while the projector works off a backlog, compaction takes a bounded share of the
 * database and falls behind, then catches up (an hour looked at later has more entries to fold per
 * row rewritten). Reads are exact either way, only longer while entries wait.
 */
const ENTRIES_PER_TICK = 50_000;

/**
 * Keeps the sentiment ledger short: every `SENTIMENT_COMPACTION_INTERVAL_MS` it folds the new
 * entries of each actor and hour into one row. Every replica runs it; one compacts at a time
 * (the others find the compaction row locked and skip). Holds no state: where to resume is
 * stored in the database.
 */
@Injectable()
export class SentimentCompactionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SentimentCompactionWorker.name);
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

  /** Runs a compaction round unless one is running already; resolves when it is done. */
  tick(): Promise<void> {
    if (this.running) return this.current;
    this.running = true;
    this.current = this.round();
    return this.current;
  }

  private async round(): Promise<void> {
    try {
      const result = await this.dataSource.transaction((manager) => compactSentimentEntries(manager, ENTRIES_PER_TICK));
      this.metrics.sentimentEntriesCompacted.inc(result.entriesRemoved);
      if (result.ran) this.metrics.sentimentEntriesPending.set(result.remaining);
    } catch (error) {
      this.logger.warn(`sentiment compaction round failed (retried next tick): ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
