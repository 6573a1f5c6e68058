import type { ArticleAnalyzedEvent } from '@chronicle/contracts';
import type { OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import Piscina from 'piscina';
import type { AnalysisTask, ArticleLogEntry } from './analyze-batch';

/** The built worker entry; it sits beside this file once compiled. */
export const ANALYSIS_WORKER_FILE = join(__dirname, 'analysis-worker.js');

/**
 * Runs the extractor on worker threads (piscina), so a batch's analysis neither blocks the consumer's event loop
 * (fetches, heartbeats, the previous batch's publish) nor waits for one core: a batch is cut into one contiguous
 * slice per thread and the slices' results are joined in the batch's order. With no threads it analyses inline.
 * Threads keep no state between tasks beyond the loaded models, so a replica that dies loses nothing the log
 * cannot give again.
 */
export class AnalysisPool implements OnApplicationShutdown {
  private readonly pool: Piscina<AnalysisTask, ArticleAnalyzedEvent[]> | undefined;

  constructor(
    private readonly threads: number,
    workerFile = ANALYSIS_WORKER_FILE,
  ) {
    this.pool =
      this.threads === 0
        ? undefined
        : new Piscina({ filename: workerFile, minThreads: this.threads, maxThreads: this.threads, idleTimeout: Infinity });
  }

  /** The analyses of the submissions and revisions among `entries`, in their order. */
  async analyze(entries: readonly ArticleLogEntry[], analyzedAt: string): Promise<ArticleAnalyzedEvent[]> {
    if (!this.pool) return (await import('./analyze-batch')).analyzeBatch({ entries, analyzedAt });
    const size = Math.ceil(entries.length / this.threads);
    const slices: Array<Promise<ArticleAnalyzedEvent[]>> = [];
    for (let i = 0; i < entries.length; i += size)
      slices.push(this.pool.run({ entries: entries.slice(i, i + size), analyzedAt }));
    return (await Promise.all(slices)).flat();
  }

  /**
   * Stops the threads once the consumer has stopped (Nest's shutdown hooks run after its servers close; destroy
   * hooks run before), so a batch in flight at SIGTERM finishes its analysis instead of failing as if its articles
   * were poison.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.pool?.destroy();
  }
}
