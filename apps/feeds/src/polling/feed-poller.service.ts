import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { PoliteFetcher } from '../fetching/polite-fetcher';
import { FeedSource, FeedSourceRepository, PollRecord } from '../sources/feed-source.repository';
import { SourcePollService } from './source-poll.service';

/** How often the poller looks for due sources when it has room for more. */
export const POLL_TICK_MS = 500;
/** How long a claim lasts: far longer than one poll takes (a feed and at most 50 pages, host-gated). */
export const CLAIM_LEASE_SECONDS = 15 * 60;

/**
 * Polls due feed sources, at most `FEEDS_POLL_CONCURRENCY` at once per replica. Sources are
 * claimed in Postgres, so replicas share the work and never poll one source at the same time.
 * Whatever happens to one source ends as its status and last error, never as another's problem.
 */
@Injectable()
export class FeedPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FeedPoller.name);
  private readonly sources: FeedSourceRepository;
  /** Names this process's claims; unique per start so a restarted replica never inherits old claims. */
  readonly replica = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly stop = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(SourcePollService) private readonly polls: SourcePollService,
    @Inject(PoliteFetcher) private readonly fetcher: PoliteFetcher,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {
    this.sources = new FeedSourceRepository(dataSource);
    // Every poll in flight listens on the one stop signal (and removes its listener when done), so
    // more than ten at once is the design, not a leak.
    setMaxListeners(0, this.stop.signal);
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  /** Before the database closes: stop claiming, cancel polls in flight and hand their sources back. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.loop;
    await Promise.allSettled(this.inFlight);
    this.fetcher.close();
    await this.sources.releaseClaims(this.replica).catch((error: unknown) => {
      this.logger.warn(`releasing claims failed (they expire on their own): ${(error as Error).message}`);
    });
  }

  private async run(): Promise<void> {
    const signal = this.stop.signal;
    while (!signal.aborted) {
      const room = this.config.feeds.pollConcurrency - this.inFlight.size;
      if (room > 0) {
        try {
          for (const source of await this.sources.claimDue(this.replica, room, CLAIM_LEASE_SECONDS)) this.start(source);
        } catch (error) {
          this.logger.error(`claiming due sources failed: ${(error as Error).message}`);
        }
      }
      await sleep(POLL_TICK_MS, undefined, { signal }).catch(() => undefined);
    }
  }

  private start(source: FeedSource): void {
    const task = this.pollOne(source).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private async pollOne(source: FeedSource): Promise<void> {
    const signal = this.stop.signal;
    let record: PollRecord;
    try {
      record = await this.polls.poll(source, signal);
    } catch (error) {
      if (signal.aborted) return;
      this.logger.error(`${source.url}: poll failed: ${(error as Error).stack ?? String(error)}`);
      record = {
        kind: 'failure',
        error: `internal error: ${(error as Error).message}`.slice(0, 1000),
        nextPollAt: new Date(Date.now() + source.intervalSeconds * 1000),
      };
    }
    try {
      await this.sources.recordPoll(source.id, this.replica, record);
    } catch (error) {
      this.logger.error(`${source.url}: recording the poll failed (its claim expires on its own): ${(error as Error).message}`);
    }
  }
}
