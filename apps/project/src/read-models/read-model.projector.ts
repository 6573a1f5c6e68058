import { ArticleAnalyzedEvent, ArticleLifecycleEvent, PositionedEvent } from '@chronicle/contracts';
import {
  aggregateChanges,
  articlesToWithdraw,
  foldAnalyses,
  foldArticleLifecycle,
  selectEffectiveAnalyses,
} from '@chronicle/domain';
import { ReadModelRepository } from './read-model.repository';

/**
 * Applies a batch of ArticleAnalyzed events: each article's newest analysed version replaces
 * the article's contribution (rows and aggregates) unless a newer version or a later
 * retraction is already in place.
 */
export async function projectAnalyses(repository: ReadModelRepository, events: readonly ArticleAnalyzedEvent[]): Promise<void> {
  const candidates = foldAnalyses(events);
  if (candidates.length === 0) return;
  await repository.insertPlaceholderArticles(candidates);
  const locked = await repository.lockArticles(candidates.map((c) => c.articleId));
  const effective = selectEffectiveAnalyses(candidates, locked);
  const replaced = new Set(effective.map((a) => a.articleId));
  const removed = await repository.takeContributions(locked.filter((s) => replaced.has(s.id)));
  await repository.writeAnalyses(effective);
  await repository.applyAggregates(aggregateChanges(removed, effective));
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
  await repository.insertNewArticles(changes);
  const locked = await repository.lockArticles(changes.map((c) => c.id));
  await repository.applyLifecycle(changes);
  const withdrawn = articlesToWithdraw(changes, locked);
  if (withdrawn.length === 0) return;
  const removed = await repository.takeContributions(withdrawn);
  await repository.clearAnalyses(withdrawn.map((s) => s.id));
  await repository.applyAggregates(aggregateChanges(removed, []));
}
