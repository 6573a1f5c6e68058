import { ArticleAnalyzedEvent, ArticleLifecycleEvent, EventBatch, PositionedEvent } from '@chronicle/contracts';
import { applyBatchOnce } from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { prepareAnalyses, projectAnalyses, projectLifecycle } from '../../apps/project/src/read-models/read-model.projector';
import { PgReadModelTransaction } from '../../apps/project/src/read-models/read-model-transaction';
import { retraction } from './read-model-fold';
import { LoggedEvent, ReferenceLog } from './reference-read-models';

export const ARTICLES_TOPIC = 'chronicle.articles.v1';
export const ANALYSES_TOPIC = 'chronicle.analyses.v1';

function batchOf<E extends ArticleLifecycleEvent | ArticleAnalyzedEvent>(
  consumer: string,
  topic: string,
  events: ReadonlyArray<LoggedEvent<E>>,
): EventBatch<E> {
  const positioned: Array<PositionedEvent<E>> = events.map(({ event, offset }) => ({ event, offset, key: event.data.articleId }));
  return {
    consumer,
    topic,
    partition: events[0]!.partition,
    events: positioned,
    nextOffset: BigInt(events[events.length - 1]!.offset) + 1n,
  };
}

/** Applies one batch of the articles topic with the project service's code, as its handler does. */
export function applyArticlesBatch(
  dataSource: DataSource,
  consumer: string,
  events: ReadonlyArray<LoggedEvent<ArticleLifecycleEvent>>,
): Promise<{ applied: number }> {
  return applyBatchOnce(dataSource, batchOf(consumer, ARTICLES_TOPIC, events), (manager, fresh) =>
    projectLifecycle(new PgReadModelTransaction(manager), fresh),
  );
}

/**
 * Applies one batch of the analyses topic with the project service's code, as its handler does;
 * with `prepared`, folded and encoded before the transaction opens, as the handler does too.
 */
export async function applyAnalysesBatch(
  dataSource: DataSource,
  consumer: string,
  events: ReadonlyArray<LoggedEvent<ArticleAnalyzedEvent>>,
  options: { prepared?: boolean } = {},
): Promise<{ applied: number }> {
  const prepared = options.prepared
    ? await prepareAnalyses(
        events.map((e) => e.event),
        { aggregates: true },
      )
    : undefined;
  return applyBatchOnce(dataSource, batchOf(consumer, ANALYSES_TOPIC, events), (manager, fresh) =>
    projectAnalyses(
      new PgReadModelTransaction(manager),
      fresh.map((e) => e.event),
      prepared,
    ),
  );
}

/** An event the fold could not apply and stepped over, as the service dead-letters a poison event. */
export interface DeadLetteredEvent {
  topic: string;
  offset: string;
  reason: string;
}

type Topic = 'articles' | 'analyses';

/** How a fold applies batches: the consumer its positions are stored under, and the handler's options. */
export interface FoldOptions {
  consumer: string;
  prepared?: boolean;
}

/**
 * Applies a batch; if it fails, its events one by one, stepping over (and reporting) each that
 * fails alone: the service's poison isolation in miniature, so a projector bug shows up as dead
 * letters and differing rows to assert on rather than as an exception that ends the fold.
 */
async function applyIsolating(
  dataSource: DataSource,
  topic: Topic,
  events: ReadonlyArray<LoggedEvent<ArticleLifecycleEvent | ArticleAnalyzedEvent>>,
  options: FoldOptions,
  deadLettered: DeadLetteredEvent[],
): Promise<void> {
  const name = topic === 'articles' ? ARTICLES_TOPIC : ANALYSES_TOPIC;
  try {
    if (topic === 'articles')
      await applyArticlesBatch(dataSource, options.consumer, events as Array<LoggedEvent<ArticleLifecycleEvent>>);
    else await applyAnalysesBatch(dataSource, options.consumer, events as Array<LoggedEvent<ArticleAnalyzedEvent>>, options);
  } catch (error) {
    if (events.length > 1) {
      for (const event of events) await applyIsolating(dataSource, topic, [event], options, deadLettered);
      return;
    }
    const [poison] = events;
    deadLettered.push({ topic: name, offset: poison!.offset, reason: error instanceof Error ? error.message : String(error) });
    // The service's position includes dead-lettered events: move past it without applying it.
    const stepOver: EventBatch = {
      consumer: options.consumer,
      topic: name,
      partition: poison!.partition,
      events: [],
      nextOffset: BigInt(poison!.offset) + 1n,
    };
    await applyBatchOnce(dataSource, stepOver, async () => undefined);
  }
}

/** Folds one topic's `events` in batches of `batchSize`; returns the events it had to step over. */
export async function foldTopicInBatches(
  dataSource: DataSource,
  topic: Topic,
  events: ReadonlyArray<LoggedEvent<ArticleLifecycleEvent | ArticleAnalyzedEvent>>,
  batchSize: number,
  options: FoldOptions,
): Promise<DeadLetteredEvent[]> {
  const deadLettered: DeadLetteredEvent[] = [];
  for (let start = 0; start < events.length; start += batchSize) {
    await applyIsolating(dataSource, topic, events.slice(start, start + batchSize), options, deadLettered);
  }
  return deadLettered;
}

/**
 * Folds a whole log (one partition per topic) through the project service's code in batches of
 * 1..`maxBatch` events, reading the two topics in an interleaving drawn from `random`, as two
 * partitions' consumers race: the read models must not depend on it. Returns the events it had
 * to step over (none, when the projector works).
 */
export async function foldLogThroughProjector(
  dataSource: DataSource,
  log: ReferenceLog,
  options: FoldOptions & { random: () => number; maxBatch: number },
): Promise<DeadLetteredEvent[]> {
  const deadLettered: DeadLetteredEvent[] = [];
  const pending = { articles: [...log.articles], analyses: [...log.analyses] };
  while (pending.articles.length > 0 || pending.analyses.length > 0) {
    const size = 1 + Math.floor(options.random() * options.maxBatch);
    const topic: Topic =
      pending.analyses.length === 0 || (pending.articles.length > 0 && options.random() < 0.5) ? 'articles' : 'analyses';
    await applyIsolating(dataSource, topic, pending[topic].splice(0, size), options, deadLettered);
  }
  return deadLettered;
}

/** `events` as the analyses topic's partition 0 holds them from `firstOffset` on (as `foldAnalyses` in read-model-fold applies them). */
export function analysesAt(events: readonly ArticleAnalyzedEvent[], firstOffset = 0): Array<LoggedEvent<ArticleAnalyzedEvent>> {
  return events.map((event, i) => ({ partition: 0, offset: String(firstOffset + i), event }));
}

/** The retractions `retractArticles` in read-model-fold applies, as the articles topic's partition 0 holds them. */
export function retractionsAt(articleIds: readonly string[], firstOffset = 1_000_000): Array<LoggedEvent<ArticleLifecycleEvent>> {
  return articleIds.map((articleId, i) => ({ partition: 0, offset: String(firstOffset + i), event: retraction(articleId) }));
}
