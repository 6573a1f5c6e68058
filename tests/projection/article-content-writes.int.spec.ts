import { ArticleLifecycleEvent, EventBatch, PositionedEvent } from '@chronicle/contracts';
import { applyBatchOnce, createDataSource, runMigrations } from '@chronicle/persistence';
import { retracted, revised, submitted } from '@chronicle/test-support';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectLifecycle } from '../../apps/project/src/read-models/read-model.projector';
import { PgReadModelTransaction } from '../../apps/project/src/read-models/read-model-transaction';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

interface RecordedStatement {
  sql: string;
  parameters: unknown[];
}

/** The projector's transaction, remembering each statement it sends (whitespace collapsed) with its parameters. */
class RecordingTransaction extends PgReadModelTransaction {
  readonly sent: RecordedStatement[] = [];

  override rows<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    this.sent.push({ sql: sql.replace(/\s+/g, ' ').trim(), parameters });
    return super.rows<T>(sql, parameters);
  }
}

/** Ids of the articles a recorded statement's JSON rows (its first parameter) name. */
const articleIdsOf = (statement: RecordedStatement): string[] =>
  (JSON.parse(String(statement.parameters[0])) as Array<{ id: string }>).map((row) => row.id).sort();

/**
 * An article's content comes once from the articles topic: a batch that first sees an article
 * inserts its row whole, and neither locks it nor writes its content a second time (each such
 * write is a new row version with the body, and its WAL). Existing rows still take the update.
 */
describe(`${projectLifecycle.name}: article rows`, () => {
  let url: string;
  let dataSource: DataSource;
  let nextOffset = 0;

  const project = async (events: Array<PositionedEvent<ArticleLifecycleEvent>>): Promise<RecordedStatement[]> => {
    nextOffset = Number(events.at(-1)!.offset) + 1;
    const batch: EventBatch<ArticleLifecycleEvent> = {
      consumer: 'article-content-writes',
      topic: 'chronicle.articles.v1',
      partition: 0,
      events,
      nextOffset: BigInt(nextOffset),
    };
    const sent: RecordedStatement[] = [];
    await applyBatchOnce(dataSource, batch, async (manager, fresh) => {
      const tx = new RecordingTransaction(manager);
      await projectLifecycle(tx, fresh);
      sent.push(...tx.sent);
    });
    return sent;
  };
  const articleUpdates = (sent: RecordedStatement[]) => sent.filter((s) => s.sql.startsWith('UPDATE articles'));
  const articleLocks = (sent: RecordedStatement[]) => sent.filter((s) => /FROM articles WHERE .* FOR UPDATE/.test(s.sql));
  const stored = async (id: string) =>
    (
      await dataSource.query<Array<Record<string, unknown>>>(
        `SELECT title, status, retracted_offset::text AS "retractedOffset", retraction_reason AS reason FROM articles WHERE id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    url = await createTestDatabase('article-content-writes');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it('inserts articles seen for the first time, and neither locks nor updates their rows', async () => {
    const sent = await project([submitted('0', 'a1', 'First'), submitted('1', 'a2', 'First')]);
    expect(sent.filter((s) => s.sql.startsWith('INSERT INTO articles'))).toHaveLength(1);
    expect(articleLocks(sent)).toEqual([]);
    expect(articleUpdates(sent)).toEqual([]);
    expect(await stored('a1')).toEqual({ title: 'First', status: 'live', retractedOffset: null, reason: null });
  });

  it('locks and updates only the rows that existed before the batch', async () => {
    const sent = await project([revised('2', 'a1', 'Second'), submitted('3', 'a3', 'Third')]);
    const updates = articleUpdates(sent);
    expect(updates).toHaveLength(1);
    expect(articleIdsOf(updates[0]!)).toEqual(['a1']);
    expect(articleLocks(sent).map((s) => s.parameters[0])).toEqual([['a1']]);
    expect(await stored('a1')).toMatchObject({ title: 'Second', status: 'revised' });
    expect(await stored('a3')).toMatchObject({ title: 'Third', status: 'live' });
  });

  it('records the retraction of an article submitted and retracted in one batch', async () => {
    await project([submitted('4', 'a4', 'Fourth'), retracted('5', 'a4', 'Published in error')]);
    expect(await stored('a4')).toEqual({
      title: 'Fourth',
      status: 'retracted',
      retractedOffset: '5',
      reason: 'Published in error',
    });
  });
});
