import type { ArticleAnalyzedEvent } from '@chronicle/contracts';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import Piscina from 'piscina';
import type { AnalysisTask, ArticleLogEntry } from './analyze-batch';

/** The built worker entry; it sits beside this file once compiled. */
export const ANALYSIS_WORKER_FILE = join(__dirname, 'analysis-worker.js');

/**
 * Each thread's young generation (V8's `maxYoungGenerationSizeMb`, three semi-spaces' worth), twice the default.
 * The extractor allocates much short-lived memory per article; with the default, scavenges ran often and copied
 * what a larger space lets die first. Measured on 3,000 bench articles in batches of 50 on two threads, CPU per
 * article 1.50–1.70 ms with the default against 1.23–1.31 ms with 96 (more gave no more); RSS grows by at most
 * the difference per thread.
 */
export const ANALYSIS_THREAD_YOUNG_GENERATION_MB = 96;

/**
 * Runs the extractor on worker threads (piscina), so a batch's analysis neither blocks the consumer's event loop
 * (fetches, heartbeats, the previous batch's publish) nor waits for one core: a batch is cut into one contiguous
 * slice per thread and the slices' results are joined in the batch's order. With no threads it analyses inline.
 * Threads keep no state between tasks beyond the loaded models, so a replica that dies loses nothing the log
 * cannot give again.
 */
export class AnalysisPool implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pool: Piscina<AnalysisTask, ArticleAnalyzedEvent[]> | undefined;

  constructor(
    private readonly threads: number,
    private readonly sentimentEncoder: boolean,
    workerFile = ANALYSIS_WORKER_FILE,
  ) {
    this.pool =
      this.threads === 0
        ? undefined
        : new Piscina({
            filename: workerFile,
            minThreads: this.threads,
            maxThreads: this.threads,
            idleTimeout: Infinity,
            resourceLimits: { maxYoungGenerationSizeMb: ANALYSIS_THREAD_YOUNG_GENERATION_MB },
          });
  }

  /**
   * The analyses of the submissions and revisions among `entries`, in their order, each event cut to at most
   * `maxEventBytes` (see `analyzeSubmission`).
   */
  async analyze(
    entries: readonly ArticleLogEntry[],
    analyzedAt: string,
    maxEventBytes?: number,
  ): Promise<ArticleAnalyzedEvent[]> {
    const { sentimentEncoder } = this;
    if (!this.pool)
      return (await import('./analyze-batch')).analyzeBatch({ entries, analyzedAt, maxEventBytes, sentimentEncoder });
    const size = Math.ceil(entries.length / this.threads);
    const slices: Array<Promise<ArticleAnalyzedEvent[]>> = [];
    for (let i = 0; i < entries.length; i += size)
      slices.push(this.pool.run({ entries: entries.slice(i, i + size), analyzedAt, maxEventBytes, sentimentEncoder }));
    // Every slice settles before a failure is reported: a batch that failed on one thread must not leave another
    // thread still working on it while the consumer retries it, or while shutdown terminates that thread (a thread
    // terminated in the middle of an encoder call aborts the whole process).
    const settled = await Promise.allSettled(slices);
    const failed = settled.find((slice): slice is PromiseRejectedResult => slice.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.flatMap((slice) => (slice.status === 'fulfilled' ? slice.value : []));
  }

  /**
   * Loads the extractor (and the sentiment encoder) on the threads before the service takes work, one empty task per
   * thread, so a model that cannot load stops the service at startup instead of failing every batch as if its
   * articles were poison, and the first batch does not wait for the loading. Inline (no threads), the first batch
   * loads them.
   */
  async onApplicationBootstrap(): Promise<void> {
    const { sentimentEncoder } = this;
    const empty = { entries: [], analyzedAt: new Date(0).toISOString(), sentimentEncoder };
    await Promise.all(Array.from({ length: this.pool?.threads.length ?? 0 }, () => this.pool!.run(empty)));
  }

  /** Tasks the threads have finished, failed ones included (0 when analysing inline). */
  tasksCompleted(): number {
    return this.pool?.completed ?? 0;
  }

  /** The young generation each running thread got, in MB (empty when analysing inline). */
  threadYoungGenerationsMb(): Array<number | undefined> {
    return (this.pool?.threads ?? []).map((thread) => thread.resourceLimits?.maxYoungGenerationSizeMb);
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
