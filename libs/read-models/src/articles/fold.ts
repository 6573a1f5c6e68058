import { ArticleLifecycleEvent, PositionedEvent } from '@chronicle/contracts';

export type ArticleStatus = 'live' | 'revised' | 'retracted';

/** The article's content as its newest ArticleSubmitted/ArticleRevised in the batch gave it. */
export interface ArticleContentRow {
  id: string;
  url: string | null;
  outlet: string | null;
  title: string;
  body: string;
  publishedAt: string | null;
  receivedAt: string;
  /** Offset of that event on the articles topic. */
  contentOffset: string;
}

export interface ArticleRetractionRow {
  id: string;
  /** Offset of the newest retraction on the articles topic: analyses of versions before it never count. */
  retractedOffset: string;
  retractedAt: string;
  reason: string | null;
}

/**
 * What a batch of the articles topic changes about one article. The topic keeps one article's
 * events in order on one partition, so the batch's last event decides the status.
 */
export interface ArticleLifecycleChange {
  id: string;
  status: ArticleStatus;
  content: ArticleContentRow | null;
  retraction: ArticleRetractionRow | null;
}

/** Folds a batch of the articles topic into one change per article (sorted by id, for lock order). */
export function foldArticleLifecycle(events: ReadonlyArray<PositionedEvent<ArticleLifecycleEvent>>): ArticleLifecycleChange[] {
  const changes = new Map<string, ArticleLifecycleChange>();
  for (const { event, offset } of events) {
    const id = event.data.articleId;
    const change = changes.get(id) ?? { id, status: 'live', content: null, retraction: null };
    switch (event.type) {
      case 'ArticleSubmitted':
      case 'ArticleRevised': {
        const { data } = event;
        change.status = event.type === 'ArticleSubmitted' ? 'live' : 'revised';
        change.content = {
          id,
          url: data.url,
          outlet: data.outlet,
          title: data.title,
          body: data.body,
          publishedAt: data.publishedAt,
          receivedAt: data.receivedAt,
          contentOffset: offset,
        };
        break;
      }
      case 'ArticleRetracted':
        change.status = 'retracted';
        change.retraction = {
          id,
          retractedOffset: offset,
          retractedAt: event.data.retractedAt,
          reason: event.data.reason ?? null,
        };
        break;
      default: {
        const unexpected: never = event;
        throw new Error(`unexpected event ${(unexpected as { type: string }).type}`);
      }
    }
    changes.set(id, change);
  }
  return [...changes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What the store holds of an article whose row is locked for a change. */
export interface LockedArticleState {
  id: string;
  analysisOffset: string | null;
  retractedOffset: string | null;
  contributedOutlet: string | null;
  contributedAt: string | null;
}

/**
 * Articles whose contribution a batch's retractions withdraw: those whose analysed version is
 * not newer than the retraction. A retraction of an unknown article, or one followed by an
 * already analysed newer version, withdraws nothing.
 */
export function articlesToWithdraw(
  changes: readonly ArticleLifecycleChange[],
  states: readonly LockedArticleState[],
): LockedArticleState[] {
  const retractedAt = new Map(
    changes.flatMap((c) => (c.retraction ? [[c.id, BigInt(c.retraction.retractedOffset)] as const] : [])),
  );
  return states.filter((state) => {
    const retraction = retractedAt.get(state.id);
    return retraction !== undefined && state.analysisOffset !== null && BigInt(state.analysisOffset) <= retraction;
  });
}
