import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { RebuildRequestsRepository } from '@chronicle/persistence';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { carryOutClaimedRebuild } from '../../../cli/src/replay/claimed-rebuild';

/** How often an idle replica looks for a rebuild request. */
const POLL_MS = 2_000;

/** A request whose runner died this many times (e.g. the rebuild kills its replica) is failed, not run again. */
const MAX_ATTEMPTS = 3;

/** The rebuild projector's log; the temp dir because the image's working directory is read-only. */
const LOG_DIR = join(tmpdir(), 'chronicle', 'logs');

/**
 * Carries out the rebuilds requested through `POST /v1/admin/projections/:name/rebuild`. Every
 * replica polls `projection_rebuilds`; one claims the oldest request (the others skip it), runs
 * the rebuild (`chronicle replay`'s code: a projector child process into a shadow schema, then
 * the swap) while renewing its claim, and records the outcome. A request whose replica died is
 * taken over once its claim expires. In a rebuild's own projector this does nothing but stop
 * that process when the rebuild that started it goes away.
 */
@Injectable()
export class RebuildWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RebuildWorker.name);
  private readonly worker = `project@${hostname()}/${process.pid}`;
  private readonly requests: RebuildRequestsRepository;
  private readonly stopping = new AbortController();
  private timer?: NodeJS.Timeout;
  private current: Promise<void> = Promise.resolve();
  private busy = false;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {
    this.requests = new RebuildRequestsRepository(dataSource);
  }

  onApplicationBootstrap(): void {
    if (this.config.database.schema !== 'public') {
      // A rebuild's projector: its IPC channel closes when the rebuilding process dies, however it dies.
      if (process.connected) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
      return;
    }
    this.timer = setInterval(() => void this.tick(), POLL_MS);
  }

  /** Stops a rebuild in progress and hands its request back, while the connection pool is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort(new Error('the project service is shutting down'));
    await this.current;
  }

  /** Claims and carries out one request, unless one is running already; resolves when it is done. */
  tick(): Promise<void> {
    if (this.busy) return this.current;
    this.busy = true;
    this.current = this.round().finally(() => (this.busy = false));
    return this.current;
  }

  private async round(): Promise<void> {
    try {
      const claim = await this.requests.claimNext(this.worker);
      if (!claim) return;
      if (claim.attempts > MAX_ATTEMPTS) {
        const error = `given up: the ${MAX_ATTEMPTS} processes that claimed it stopped before it finished`;
        await this.requests.finish(claim.id, this.worker, { succeeded: false, error });
        this.logger.error(`rebuild ${claim.id} of ${claim.projection} ${error}`);
        return;
      }
      this.logger.log(
        `rebuild ${claim.id} of ${claim.projection} (requested by ${claim.requestedBy}, attempt ${claim.attempts}) started`,
      );
      const result = await carryOutClaimedRebuild(this.config, this.requests, claim, this.worker, {
        logDir: LOG_DIR,
        signal: this.stopping.signal,
        whenStopped: 'release',
      });
      this.logger.log(
        `rebuild ${claim.id}: ${result.projection} v${result.version} is live (${result.events} events, ${result.seconds.toFixed(1)} s)`,
      );
    } catch (error) {
      this.logger.warn(`rebuild round failed: ${(error as Error).message}`);
    }
  }
}
