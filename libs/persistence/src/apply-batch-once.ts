import { EventBatch, PositionedEvent } from '@chronicle/contracts';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Applies a batch's effects and its position in one transaction, exactly once.
 * The position row is locked first, so two replicas that briefly both hold a partition
 * during a rebalance cannot both apply it; events before the stored position (redeliveries
 * after a crash) are dropped before `apply` sees them.
 */
export async function applyBatchOnce<B extends EventBatch>(
  dataSource: DataSource,
  batch: B,
  apply: (manager: EntityManager, fresh: Array<B['events'][number]>) => Promise<void>,
): Promise<{ applied: number }> {
  return dataSource.transaction(async (manager) => {
    const key = [batch.consumer, batch.topic, batch.partition];
    await manager.query(
      `INSERT INTO consumer_positions (consumer, topic, partition, next_offset, updated_at)
       VALUES ($1, $2, $3, 0, now()) ON CONFLICT DO NOTHING`,
      key,
    );
    const [row]: Array<{ next_offset: string }> = await manager.query(
      'SELECT next_offset FROM consumer_positions WHERE consumer = $1 AND topic = $2 AND partition = $3 FOR UPDATE',
      key,
    );
    const stored = BigInt(row!.next_offset);
    const fresh = batch.events.filter((e: PositionedEvent) => BigInt(e.offset) >= stored) as Array<B['events'][number]>;
    if (fresh.length > 0) await apply(manager, fresh);
    if (batch.nextOffset > stored) {
      await manager.query(
        'UPDATE consumer_positions SET next_offset = $4, updated_at = now() WHERE consumer = $1 AND topic = $2 AND partition = $3',
        [...key, batch.nextOffset.toString()],
      );
    }
    return { applied: fresh.length };
  });
}
