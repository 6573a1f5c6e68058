import { ArticleAnalyzedEvent, EventBatch } from '@chronicle/contracts';
import { applyBatchOnce } from '@chronicle/persistence';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { prepareAnalyses, projectAnalyses } from '../../apps/project/src/read-models/read-model.projector';
import { PgReadModelTransaction } from '../../apps/project/src/read-models/read-model-transaction';

export interface PartitionedRun {
  partitions: number;
  /** Batches of different partitions in flight at once, as the consumer's `partitionsConsumedConcurrently`. */
  concurrency: number;
  batchSize: number;
}

function partitionOf(key: string, partitions: number): number {
  return createHash('md5').update(key).digest().readUInt32BE(0) % partitions;
}

/**
 * Feeds `events` to `apply` the way one project replica's consumer does: keyed by article onto
 * `partitions`, each partition's batches in order, and at most `concurrency` batches (of
 * different partitions) in flight at once.
 */
export async function applyPartitioned(
  events: readonly ArticleAnalyzedEvent[],
  run: PartitionedRun,
  apply: (batch: EventBatch<ArticleAnalyzedEvent>) => Promise<unknown>,
): Promise<void> {
  const logs: ArticleAnalyzedEvent[][] = Array.from({ length: run.partitions }, () => []);
  for (const event of events) logs[partitionOf(event.data.articleId, run.partitions)]!.push(event);
  const next = logs.map(() => 0);
  const busy = new Set<number>();
  let turn = 0;
  const pick = (): number | undefined => {
    for (let k = 0; k < run.partitions; k += 1) {
      const partition = (turn + k) % run.partitions;
      if (!busy.has(partition) && next[partition]! < logs[partition]!.length) {
        turn = partition + 1;
        return partition;
      }
    }
    return undefined;
  };
  const worker = async (): Promise<void> => {
    for (let partition = pick(); partition !== undefined; partition = pick()) {
      busy.add(partition);
      const start = next[partition]!;
      const slice = logs[partition]!.slice(start, start + run.batchSize);
      next[partition] = start + slice.length;
      await apply({
        consumer: 'bench-chronicle',
        topic: 'chronicle.analyses.v1',
        partition,
        events: slice.map((event, i) => ({ event, offset: String(start + i), key: event.data.articleId })),
        nextOffset: BigInt(start + slice.length),
      });
      busy.delete(partition);
    }
  };
  await Promise.all(Array.from({ length: run.concurrency }, worker));
}

/**
 * Projects one batch as the project service's handler does: analyses prepared before the
 * transaction, then applied with the position exactly once.
 */
export async function projectBatchAsTheService(dataSource: DataSource, batch: EventBatch<ArticleAnalyzedEvent>): Promise<void> {
  const prepared = await prepareAnalyses(
    batch.events.map((e) => e.event),
    { aggregates: true },
  );
  await applyBatchOnce(dataSource, batch, (manager, fresh) =>
    projectAnalyses(
      new PgReadModelTransaction(manager),
      fresh.map((e) => e.event),
      prepared,
    ),
  );
}
