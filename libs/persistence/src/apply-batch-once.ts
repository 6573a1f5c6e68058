import { EventBatch, PositionedEvent } from '@chronicle/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { PositionLogMismatchError } from './positions/position-log-mismatch.error';

/**
 * Applies a batch's effects and its position in one transaction, exactly once.
 * The position row is locked first, so two replicas that briefly both hold a partition
 * during a rebalance cannot both apply it; events before the stored position (redeliveries
 * after a crash) are dropped before `apply` sees them. A position stored for another Kafka
 * cluster is never applied to this one: the batch fails (and is retried, never skipped) until an
 * operator resets the positions or rebuilds.
 */
export async function applyBatchOnce<B extends EventBatch>(
  dataSource: DataSource,
  batch: B,
  apply: (manager: EntityManager, fresh: Array<B['events'][number]>) => Promise<void>,
): Promise<{ applied: number }> {
  return dataSource.transaction(async (manager) => {
    const key = [batch.consumer, batch.topic, batch.partition];
    const row = await lockPosition(manager, key, batch.clusterId);
    if (batch.clusterId && row.cluster_id && row.cluster_id !== batch.clusterId) {
      throw new PositionLogMismatchError(batch.consumer, [
        `${batch.topic}[${batch.partition}] was stored for Kafka cluster ${row.cluster_id}, but this batch comes from cluster ${batch.clusterId}`,
      ]);
    }
    const stored = BigInt(row.next_offset);
    const fresh = batch.events.filter((e: PositionedEvent) => BigInt(e.offset) >= stored) as Array<B['events'][number]>;
    if (fresh.length > 0) await apply(manager, fresh);
    await pauseAtFaultPoint(manager);
    if (batch.nextOffset > stored || (batch.clusterId && !row.cluster_id)) {
      await manager.query(
        `UPDATE consumer_positions SET next_offset = GREATEST(next_offset, $4), updated_at = now(), cluster_id = COALESCE(cluster_id, $5),
                last_timestamp = CASE WHEN $4::bigint > next_offset THEN $6::bigint ELSE last_timestamp END
         WHERE consumer = $1 AND topic = $2 AND partition = $3`,
        [...key, batch.nextOffset.toString(), batch.clusterId ?? null, batch.lastTimestamp ?? null],
      );
    }
    return { applied: fresh.length };
  });
}

type PositionRow = { next_offset: string; cluster_id: string | null };

const LOCK_POSITION_SQL =
  'SELECT next_offset, cluster_id FROM consumer_positions WHERE consumer = $1 AND topic = $2 AND partition = $3 FOR UPDATE';

/**
 * Locks the partition's position row and reads it: one round trip once the row exists (every batch
 * after a partition's first). A missing row is inserted at offset 0 first; two replicas inserting it
 * at once both end up locking the one row.
 */
async function lockPosition(manager: EntityManager, key: unknown[], clusterId: string | undefined): Promise<PositionRow> {
  const [found]: PositionRow[] = await manager.query(LOCK_POSITION_SQL, key);
  if (found) return found;
  await manager.query(
    `INSERT INTO consumer_positions (consumer, topic, partition, next_offset, updated_at, cluster_id)
     VALUES ($1, $2, $3, 0, now(), $4) ON CONFLICT DO NOTHING`,
    [...key, clusterId ?? null],
  );
  const [inserted]: PositionRow[] = await manager.query(LOCK_POSITION_SQL, key);
  return inserted!;
}

/**
 * Test-only fault point: with `CHRONICLE_FAULT_POINT=apply-batch-before-commit`, every batch waits
 * after its effects and before its position and commit on the Postgres advisory lock
 * {@link FAULT_POINT_LOCK_KEY}, so a crash test holding that lock can kill the process while the
 * transaction is provably open (it shows in `pg_stat_activity` as waiting on the lock).
 */
async function pauseAtFaultPoint(manager: EntityManager): Promise<void> {
  if (process.env.CHRONICLE_FAULT_POINT !== 'apply-batch-before-commit') return;
  await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [FAULT_POINT_LOCK_KEY]);
}

/** Advisory lock key the fault point waits on. */
export const FAULT_POINT_LOCK_KEY = 7_347_001;
