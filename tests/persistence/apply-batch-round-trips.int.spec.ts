import { EventBatch } from '@chronicle/contracts';
import { applyBatchOnce, createDataSource, runMigrations } from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedDataSource, StatementRecorder } from '../support/statement-recorder';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

const APPLIED = 'SELECT 1 AS applied';

/** A batch of `count` events from `from` on; applyBatchOnce reads only their offsets. */
function batch(from: number, count: number): EventBatch {
  const events = Array.from({ length: count }, (_, i) => ({ offset: String(from + i), key: null, event: {} }));
  return {
    consumer: 'round-trips',
    topic: 'chronicle.articles.analyzed',
    partition: 3,
    events: events as unknown as EventBatch['events'],
    nextOffset: BigInt(from + count),
    clusterId: 'cluster-a',
  };
}

/** What one batch costs in statements: every batch after a partition's first locks its position in one. */
describe(`${applyBatchOnce.name} round trips`, () => {
  let url: string;
  let dataSource: DataSource;
  const recorder = new StatementRecorder();

  const applyRecorded = async (b: EventBatch): Promise<{ applied: number; sent: string[] }> => {
    let applied = -1;
    const sent = await recorder.during(async () => {
      ({ applied } = await applyBatchOnce(dataSource, b, async (manager) => {
        await manager.query(APPLIED);
      }));
    });
    return { applied, sent };
  };
  const storedOffset = async (): Promise<string> =>
    (
      await dataSource.query<Array<{ next_offset: string }>>(
        `SELECT next_offset FROM consumer_positions WHERE consumer = 'round-trips' AND partition = 3`,
      )
    )[0]!.next_offset;

  beforeAll(async () => {
    url = await createTestDatabase('apply-batch-round-trips');
    await runMigrations(url);
    dataSource = await recordedDataSource(createDataSource(url, 2), recorder).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it("inserts a partition's position row on its first batch, then locks and advances it", async () => {
    const { applied, sent } = await applyRecorded(batch(0, 5));
    expect(applied).toBe(5);
    expect(sent.map((s) => s.split(' ')[0])).toEqual(['START', 'SELECT', 'INSERT', 'SELECT', 'SELECT', 'UPDATE', 'COMMIT']);
    expect(await storedOffset()).toBe('5');
  });

  it('locks the position of every later batch in one statement: begin, lock, effects, position, commit', async () => {
    const { applied, sent } = await applyRecorded(batch(5, 4));
    expect(applied).toBe(4);
    expect(sent).toHaveLength(5);
    expect(sent[0]).toBe('START TRANSACTION');
    expect(sent[1]).toMatch(/^SELECT next_offset, cluster_id FROM consumer_positions .* FOR UPDATE/);
    expect(sent[2]).toBe(APPLIED);
    expect(sent[3]).toMatch(/^UPDATE consumer_positions SET next_offset/);
    expect(sent[4]).toBe('COMMIT');
    expect(await storedOffset()).toBe('9');
  });

  it('sends only the lock for a batch already applied (a redelivery)', async () => {
    const { applied, sent } = await applyRecorded(batch(5, 4));
    expect(applied).toBe(0);
    expect(sent.map((s) => s.split(' ')[0])).toEqual(['START', 'SELECT', 'COMMIT']);
    expect(await storedOffset()).toBe('9');
  });
});
