import { ArticleAnalyzedEvent, ArticleLifecycleEvent, EventBatch, PositionedEvent } from '@chronicle/contracts';
import { applyBatchOnce, createDataSource, runMigrations } from '@chronicle/persistence';
import { FoldedSlice } from '@chronicle/read-models';
import { InMemoryProjection, ProjectionBatch, READ_MODEL_SCENARIOS } from '@chronicle/test-support';
import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareAnalyses, projectAnalyses, projectLifecycle } from '../../../apps/project/src/read-models/read-model.projector';
import { PgReadModelTransaction } from '../../../apps/project/src/read-models/read-model-transaction';
import { createTestDatabase, dropTestDatabase } from '../../support/test-environment';

const CONSUMER = 'slice-spec';

/**
 * Feeds batches to the project service's code on PostgreSQL, as its consumer would: analyses at
 * consecutive offsets of the analyses topic (prepared before the transaction, like the handler),
 * lifecycle events at their own offsets of the articles topic.
 */
export async function projectInPostgres(dataSource: DataSource, batches: readonly ProjectionBatch[]): Promise<void> {
  let analysesOffset = 0;
  for (const batch of batches) {
    if ('analyses' in batch) {
      const events = batch.analyses.map((event, i) => ({ event, offset: String(analysesOffset + i), key: event.data.articleId }));
      analysesOffset += events.length;
      const prepared = await prepareAnalyses(batch.analyses, { aggregates: true });
      const eventBatch: EventBatch<ArticleAnalyzedEvent> = {
        consumer: CONSUMER,
        topic: 'chronicle.analyses.v1',
        partition: 0,
        events,
        nextOffset: BigInt(analysesOffset),
      };
      await applyBatchOnce(dataSource, eventBatch, (manager, fresh) =>
        projectAnalyses(
          new PgReadModelTransaction(manager),
          fresh.map((e) => e.event),
          prepared,
        ),
      );
    } else {
      const events: Array<PositionedEvent<ArticleLifecycleEvent>> = [...batch.articles];
      const eventBatch: EventBatch<ArticleLifecycleEvent> = {
        consumer: CONSUMER,
        topic: 'chronicle.articles.v1',
        partition: 0,
        events,
        nextOffset: BigInt(events.at(-1)!.offset) + 1n,
      };
      await applyBatchOnce(dataSource, eventBatch, (manager, fresh) =>
        projectLifecycle(new PgReadModelTransaction(manager), fresh),
      );
    }
  }
}

/**
 * The slice's integration spec: every shared scenario fed to PostgreSQL through the projector
 * leaves the rows the slice's fold gives in memory, for the history and for its equivalent.
 */
export function describeSliceInPostgres(slice: FoldedSlice): void {
  describe(`${slice.name} read model in PostgreSQL`, () => {
    const urls: string[] = [];
    const open: DataSource[] = [];

    async function freshDatabase(name: string): Promise<DataSource> {
      const url = await createTestDatabase(name);
      urls.push(url);
      await runMigrations(url);
      const dataSource = await createDataSource(url, 2).initialize();
      open.push(dataSource);
      return dataSource;
    }

    afterAll(async () => {
      await Promise.all(open.map((d) => d.destroy()));
      for (const url of urls) await dropTestDatabase(url);
    });

    for (const [index, scenario] of READ_MODEL_SCENARIOS.entries()) {
      describe(`when ${scenario.name}`, () => {
        it('holds the rows of the in-memory fold, which are those of the equivalent history', async () => {
          const dataSource = await freshDatabase(`slice_${slice.name.toLowerCase()}_${index}`);
          await projectInPostgres(dataSource, scenario.history);
          const inMemory = scenario.history.reduce((store, batch) => store.apply(batch), new InMemoryProjection()).rows(slice);
          const equivalent = scenario.sameAs.reduce((store, batch) => store.apply(batch), new InMemoryProjection()).rows(slice);
          const stored = await slice.rows.read(dataSource);
          expect(stored).toEqual(inMemory);
          expect(stored).toEqual(equivalent);
          expect(stored.length).toBeGreaterThan(0);
        });
      });
    }
  });
}
