import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { compactSentimentEntries } from '@chronicle/persistence';
import { MetricsRegistry } from '@chronicle/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Rounds run back to back at most this many times per tick (a backlog is worked off over several ticks). */
const ROUNDS_PER_TICK = 10;

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

  /** Runs a tick's rounds unless some are running already; resolves when they are done. */
  tick(): Promise<void> {
    if (this.running) return this.current;
    this.running = true;
    this.current = this.rounds();
    return this.current;
  }

  private async rounds(): Promise<void> {
    try {
      for (let round = 0; round < ROUNDS_PER_TICK; round += 1) {
        const result = await this.dataSource.transaction((manager) => compactSentimentEntries(manager));
        this.metrics.sentimentEntriesCompacted.inc(result.entriesRemoved);
        if (!result.ran || result.remaining === 0) break;
      }
    } catch (error) {
      this.logger.warn(`sentiment compaction round failed (retried next tick): ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
