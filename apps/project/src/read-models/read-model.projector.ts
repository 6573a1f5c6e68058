import { ArticleAnalyzedEvent, ArticleLifecycleEvent, PositionedEvent } from '@chronicle/contracts';
import {
  aggregateChanges,
  AnalyzedArticle,
  applyLifecycle,
  articlesToWithdraw,
  clearAnalyses,
  EncodedAggregates,
  encodeAggregates,
  EncodedContributionRows,
  encodeContributionRows,
  foldAnalyses,
  foldArticleLifecycle,
  insertContributionRows,
  insertFirstAnalysedArticles,
  insertNewArticles,
  lockArticles,
  recordAnalyses,
  selectEffectiveAnalyses,
  takeContributions,
  writeAggregates,
} from '@chronicle/read-models';
import { ReadModelTransaction } from './read-model-transaction';

/**
 * What a batch of analyses writes when every article in it is new to the store (the common case
 * live, and every case in a rebuild): folded and encoded before the batch's transaction opens, so
 * the transaction does not sit idle (holding its locks) while Node works.
 */
export interface PreparedAnalyses {
  events: readonly ArticleAnalyzedEvent[];
  candidates: AnalyzedArticle[];
  rows: EncodedContributionRows;
  /** Absent when prepared for a projector that defers its aggregates. */
  aggregates?: EncodedAggregates;
}

/** Lets the event loop serve other batches' queries between synchronous steps. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function prepareAnalyses(
  events: readonly ArticleAnalyzedEvent[],
  options: { aggregates: boolean },
): Promise<PreparedAnalyses> {
  const candidates = foldAnalyses(events);
  await yieldToEventLoop();
  const rows = encodeContributionRows(candidates);
  if (!options.aggregates) return { events, candidates, rows };
  await yieldToEventLoop();
  const changes = aggregateChanges([], candidates);
  await yieldToEventLoop();
  return { events, candidates, rows, aggregates: encodeAggregates(changes) };
}

/**
 * Applies a batch of ArticleAnalyzed events: each article's newest analysed version replaces
 * the article's contribution (rows and aggregates) unless a newer version or a later
 * retraction is already in place. An article's first analysis (every one, in a rebuild) is
 * written with its row and has nothing to replace. While a rebuild defers the aggregates, only
 * the rows are written. `prepared` (for these same events) is used when it still applies:
 * nothing in place to replace.
 */
export async function projectAnalyses(
  tx: ReadModelTransaction,
  events: readonly ArticleAnalyzedEvent[],
  prepared?: PreparedAnalyses,
): Promise<void> {
  // Events already applied (after a crash or a rebalance) are not in `events`: prepare again.
  const ready = prepared && prepared.events.length === events.length ? prepared : undefined;
  const candidates = ready?.candidates ?? foldAnalyses(events);
  if (candidates.length === 0) return;
  const deferred = await tx.aggregatesDeferred();
  const created = await insertFirstAnalysedArticles(tx, candidates);
  const known = candidates.filter((c) => !created.has(c.articleId));
  const locked = await lockArticles(
    tx,
    known.map((c) => c.articleId),
  );
  const replacing = selectEffectiveAnalyses(known, locked);
  const replaced = new Set(replacing.map((a) => a.articleId));
  const removed = await takeContributions(
    tx,
    locked.filter((s) => replaced.has(s.id)),
  );
  await recordAnalyses(tx, replacing);
  const effective = candidates.filter((c) => created.has(c.articleId) || replaced.has(c.articleId));
  // Every candidate in place and nothing subtracted: exactly what was prepared.
  const asPrepared = ready !== undefined && effective.length === candidates.length && removed.length === 0;
  await insertContributionRows(tx, asPrepared ? ready.rows : encodeContributionRows(effective));
  if (deferred) return;
  const aggregates = (asPrepared ? ready.aggregates : undefined) ?? encodeAggregates(aggregateChanges(removed, effective));
  await writeAggregates(tx, aggregates);
}

/**
 * Applies a batch of the articles topic: content and status of each article, and for
 * retractions the withdrawal of the article's contribution from every read model.
 */
export async function projectLifecycle(
  tx: ReadModelTransaction,
  events: ReadonlyArray<PositionedEvent<ArticleLifecycleEvent>>,
): Promise<void> {
  const changes = foldArticleLifecycle(events);
  if (changes.length === 0) return;
  const deferred = await tx.aggregatesDeferred();
  // A row inserted now is this transaction's own until it commits, and has no analysis to withdraw.
  const inserted = await insertNewArticles(tx, changes);
  const locked = await lockArticles(
    tx,
    changes.filter((c) => !inserted.has(c.id)).map((c) => c.id),
  );
  await applyLifecycle(tx, changes, inserted);
  const withdrawn = articlesToWithdraw(changes, locked);
  if (withdrawn.length === 0) return;
  const removed = await takeContributions(tx, withdrawn);
  await clearAnalyses(
    tx,
    withdrawn.map((s) => s.id),
  );
  if (deferred) return;
  await writeAggregates(tx, encodeAggregates(aggregateChanges(removed, [])));
}
