import { ArticleAnalyzedEvent, decodeEvent, encodeEvent, EventBatch } from '@chronicle/contracts';
import { applyBatchOnce } from '@chronicle/persistence';
import { analyzedEventStream } from '@chronicle/test-support';
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

/** An analysed-article event as the topic holds it: keyed by article, its value the encoded event. */
export interface LoggedAnalysis {
  key: string;
  value: Buffer;
}

/**
 * `count` generated analyses (`analyzedEvents`) as the topic holds them. A run keeps the log in this form and decodes a
 * batch at a time, as the service's consumer does, so the process never holds every event decoded (100,000 of them
 * would be about 800 MB of live heap for the collector to trace, which no replica has).
 */
export function analyzedLog(count: number): LoggedAnalysis[] {
  const log: LoggedAnalysis[] = [];
  for (const event of analyzedEventStream(count)) log.push({ key: event.data.articleId, value: encodeEvent(event) });
  return log;
}

function partitionOf(key: string, partitions: number): number {
  return createHash('md5').update(key).digest().readUInt32BE(0) % partitions;
}

/**
 * Feeds the `log` to `apply` the way one project replica's consumer does: keyed by article onto `partitions`, each
 * partition's batches in order, each batch decoded by the service's decoder (`decodeEvent`) as it is taken, and at
 * most `concurrency` batches (of different partitions) in flight at once.
 */
export async function applyPartitioned(
  log: readonly LoggedAnalysis[],
  run: PartitionedRun,
  apply: (batch: EventBatch<ArticleAnalyzedEvent>) => Promise<unknown>,
): Promise<void> {
  const logs: LoggedAnalysis[][] = Array.from({ length: run.partitions }, () => []);
  for (const message of log) logs[partitionOf(message.key, run.partitions)]!.push(message);
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
        events: slice.map((message, i) => ({
          event: decodeEvent(message.value) as ArticleAnalyzedEvent,
          offset: String(start + i),
          key: message.key,
        })),
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
