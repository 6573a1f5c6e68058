import { ArticleAnalyzedEvent, ArticleRetractedEvent, EventBatch } from '@chronicle/contracts';
import { applyBatchOnce } from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { prepareAnalyses, projectAnalyses, projectLifecycle } from '../../apps/project/src/read-models/read-model.projector';
import { PgReadModelTransaction } from '../../apps/project/src/read-models/read-model-transaction';

/** Consumer name the project service's batches are stored under in these folds. */
const CONSUMER = 'read-model-fold';

/**
 * Folds `events` with the project service's code as the analyses topic's partition 0, from
 * `firstOffset` on; with `prepared`, each batch is prepared before its transaction, as the
 * service's handler does.
 */
export async function foldAnalyses(
  dataSource: DataSource,
  events: ArticleAnalyzedEvent[],
  batchSize: number,
  firstOffset = 0,
  options: { prepared?: boolean } = {},
): Promise<void> {
  for (let index = 0; index < events.length; index += batchSize) {
    const slice = events.slice(index, index + batchSize);
    const start = firstOffset + index;
    const batch: EventBatch<ArticleAnalyzedEvent> = {
      consumer: CONSUMER,
      topic: 'chronicle.analyses.v1',
      partition: 0,
      events: slice.map((event, i) => ({ event, offset: String(start + i), key: event.data.articleId })),
      nextOffset: BigInt(start + slice.length),
    };
    const prepared = options.prepared ? await prepareAnalyses(slice, { aggregates: true }) : undefined;
    await applyBatchOnce(dataSource, batch, (manager, fresh) =>
      projectAnalyses(
        new PgReadModelTransaction(manager),
        fresh.map((e) => e.event),
        prepared,
      ),
    );
  }
}

/** An `ArticleRetracted` event for `articleId`. */
export function retraction(articleId: string): ArticleRetractedEvent {
  return {
    id: `retract-${articleId}`,
    type: 'ArticleRetracted',
    version: 1,
    occurredAt: '2026-02-01T00:00:00.000Z',
    metadata: { correlationId: articleId, causationId: null },
    data: { articleId, reason: 'test', retractedAt: '2026-02-01T00:00:00.000Z' },
  };
}

/** Retracts `articleIds` in one articles-topic batch at `firstOffset` (above every analysed version's). */
export async function retractArticles(dataSource: DataSource, articleIds: string[], firstOffset = 1_000_000): Promise<void> {
  const events = articleIds.map((articleId, i) => ({
    offset: String(firstOffset + i),
    key: articleId,
    event: retraction(articleId),
  }));
  const batch = {
    consumer: CONSUMER,
    topic: 'chronicle.articles.v1',
    partition: 0,
    events,
    nextOffset: BigInt(firstOffset + events.length),
  };
  await applyBatchOnce(dataSource, batch, (manager, fresh) => projectLifecycle(new PgReadModelTransaction(manager), fresh));
}
