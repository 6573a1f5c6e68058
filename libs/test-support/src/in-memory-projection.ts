import { ArticleAnalyzedEvent, ArticleLifecycleEvent, PositionedEvent } from '@chronicle/contracts';
import {
  FoldedSlice,
  AnalyzedArticle,
  articlesToWithdraw,
  foldAnalyses,
  foldArticleLifecycle,
  LockedArticleState,
  ReadModelRow,
  selectEffectiveAnalyses,
} from '@chronicle/read-models';

/** One batch as the project service receives it: from the analyses topic or the articles topic. */
export type ProjectionBatch =
  { analyses: readonly ArticleAnalyzedEvent[] } | { articles: ReadonlyArray<PositionedEvent<ArticleLifecycleEvent>> };

interface StoredArticle {
  analysisOffset: string | null;
  retractedOffset: string | null;
  contribution: AnalyzedArticle | null;
}

/**
 * The project service's store held in memory: which analysis of each article is in place, by the
 * same pure rules the projector applies in its transactions (the newest version wins unless a
 * later retraction withdrew it). A slice's rows are then its fold of every contribution in place.
 */
export class InMemoryProjection {
  private readonly articles = new Map<string, StoredArticle>();

  apply(batch: ProjectionBatch): this {
    if ('analyses' in batch) this.applyAnalyses(batch.analyses);
    else this.applyLifecycle(batch.articles);
    return this;
  }

  /** The slice's rows as its fold of the contributions in place gives them. */
  rows(slice: FoldedSlice): ReadModelRow[] {
    return slice.rows.fromFold(this.changes(slice));
  }

  /** The slice's changes for writing every contribution in place into empty tables. */
  changes<C>(slice: FoldedSlice<C>): C {
    const fold = slice.startFold();
    for (const stored of this.articles.values()) if (stored.contribution) fold.add(stored.contribution, 1);
    return fold.changes();
  }

  private applyAnalyses(events: readonly ArticleAnalyzedEvent[]): void {
    const candidates = foldAnalyses(events);
    const states = candidates.flatMap((c) => {
      const stored = this.articles.get(c.articleId);
      return stored ? [{ id: c.articleId, analysisOffset: stored.analysisOffset, retractedOffset: stored.retractedOffset }] : [];
    });
    for (const analysis of selectEffectiveAnalyses(candidates, states)) {
      const stored = this.articles.get(analysis.articleId);
      this.articles.set(analysis.articleId, {
        retractedOffset: stored?.retractedOffset ?? null,
        analysisOffset: analysis.analysisOffset,
        contribution: analysis,
      });
    }
  }

  private applyLifecycle(events: ReadonlyArray<PositionedEvent<ArticleLifecycleEvent>>): void {
    const changes = foldArticleLifecycle(events);
    for (const change of changes) {
      // A retraction of an article never seen creates no row, as `insertNewArticles` inserts content only.
      if (!this.articles.has(change.id) && change.content)
        this.articles.set(change.id, { analysisOffset: null, retractedOffset: null, contribution: null });
    }
    const locked: LockedArticleState[] = changes.flatMap((c) => {
      const stored = this.articles.get(c.id);
      if (!stored) return [];
      const { analysisOffset, retractedOffset } = stored;
      return [{ id: c.id, analysisOffset, retractedOffset, contributedOutlet: null, contributedAt: null }];
    });
    const withdrawn = new Set(articlesToWithdraw(changes, locked).map((s) => s.id));
    for (const change of changes) {
      const stored = this.articles.get(change.id);
      if (!stored) continue;
      if (change.retraction) {
        const offset = change.retraction.retractedOffset;
        if (stored.retractedOffset === null || BigInt(offset) > BigInt(stored.retractedOffset)) stored.retractedOffset = offset;
      }
      if (withdrawn.has(change.id)) Object.assign(stored, { analysisOffset: null, contribution: null });
    }
  }
}
