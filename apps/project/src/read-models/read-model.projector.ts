import { ArticleAnalyzedEvent, ArticleLifecycleEvent, PositionedEvent } from '@chronicle/contracts';
import {
  aggregateChanges,
  articlesToWithdraw,
  foldAnalyses,
  foldArticleLifecycle,
  selectEffectiveAnalyses,
} from '@chronicle/domain';
import { encodeAggregates } from './aggregate-parameters';
import { ReadModelRepository } from './read-model.repository';

/**
 * Applies a batch of ArticleAnalyzed events: each article's newest analysed version replaces
 * the article's contribution (rows and aggregates) unless a newer version or a later
 * retraction is already in place. An article's first analysis (every one, in a rebuild) is
 * written with its row and has nothing to replace. While a rebuild defers the aggregates, only
 * the rows are written.
 */
export async function projectAnalyses(repository: ReadModelRepository, events: readonly ArticleAnalyzedEvent[]): Promise<void> {
  const candidates = foldAnalyses(events);
  if (candidates.length === 0) return;
  const deferred = await repository.aggregatesDeferred();
  const created = await repository.insertFirstAnalysedArticles(candidates);
  const known = candidates.filter((c) => !created.has(c.articleId));
  const locked = await repository.lockArticles(known.map((c) => c.articleId));
  const replacing = selectEffectiveAnalyses(known, locked);
  const replaced = new Set(replacing.map((a) => a.articleId));
  const removed = await repository.takeContributions(locked.filter((s) => replaced.has(s.id)));
  await repository.recordAnalyses(replacing);
  const effective = candidates.filter((c) => created.has(c.articleId) || replaced.has(c.articleId));
  if (deferred) return repository.insertContributionRows(effective);
  const [aggregates] = await Promise.all([
    // Folded and encoded while the database inserts the rows (node and the backend each have a
    // core), so the aggregate upserts that lock hot rows run back to back.
    new Promise((resolve) => setImmediate(resolve)).then(() => encodeAggregates(aggregateChanges(removed, effective))),
    repository.insertContributionRows(effective),
  ]);
  await repository.applyAggregates(aggregates);
}

/**
 * Applies a batch of the articles topic: content and status of each article, and for
 * retractions the withdrawal of the article's contribution from every read model.
 */
export async function projectLifecycle(
  repository: ReadModelRepository,
  events: ReadonlyArray<PositionedEvent<ArticleLifecycleEvent>>,
): Promise<void> {
  const changes = foldArticleLifecycle(events);
  if (changes.length === 0) return;
  const deferred = await repository.aggregatesDeferred();
  await repository.insertNewArticles(changes);
  const locked = await repository.lockArticles(changes.map((c) => c.id));
  await repository.applyLifecycle(changes);
  const withdrawn = articlesToWithdraw(changes, locked);
  if (withdrawn.length === 0) return;
  const removed = await repository.takeContributions(withdrawn);
  await repository.clearAnalyses(withdrawn.map((s) => s.id));
  if (deferred) return;
  await repository.applyAggregates(encodeAggregates(aggregateChanges(removed, [])));
}
