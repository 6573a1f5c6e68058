import { EventBatch } from '@chronicle/contracts';
import { applyBatchOnce, createDataSource, runMigrations } from '@chronicle/persistence';
import { AbstractLogger, DataSource, LogLevel, LogMessage } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

/** Records every statement the data source sends, in order, first line only and whitespace collapsed. */
class StatementRecorder extends AbstractLogger {
  readonly sent: string[] = [];

  protected writeLog(level: LogLevel, message: LogMessage | LogMessage[]): void {
    for (const m of Array.isArray(message) ? message : [message]) {
      if (m.type === 'query') this.sent.push(String(m.message).replace(/\s+/g, ' ').trim());
    }
  }
}

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
  const recorder = new StatementRecorder(['query']);

  const applyRecorded = async (b: EventBatch): Promise<{ applied: number; sent: string[] }> => {
    recorder.sent.length = 0;
    const { applied } = await applyBatchOnce(dataSource, b, async (manager) => {
      await manager.query(APPLIED);
    });
    return { applied, sent: [...recorder.sent] };
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
    const options = createDataSource(url, 2).options;
    dataSource = await new DataSource({ ...options, logging: ['query'], logger: recorder }).initialize();
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
