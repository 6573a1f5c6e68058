import { compareCodePoints } from '@chronicle/domain';

/** An actor as a reference in another's page: who it is, without its counts. */
export interface ActorRef {
  id: string;
  name: string;
  kind: string;
  role: string | null;
}

/** An actor co-mentioned with another, and in how many live articles of the window. */
export interface RelatedActor {
  actor: ActorRef;
  articles: number;
}

/** Where a page of related actors continues: the last row's count and id. */
export interface RelatedAfter {
  articles: number;
  id: string;
}

/**
 * An actor co-mentioned in a window, summed over its packed weeks and its entries not packed yet: by its pair key,
 * or by its id where it has no key yet (only entries not packed name it).
 */
export interface CoMentionCount<Ref> {
  ref: Ref;
  articles: number;
}

/**
 * The fewest articles an actor needs to be one a page can be cut from before ids are known (see
 * {@link isPageContender}): the `limit`-th highest count below the cursor's (or of all, without one), or 1 when
 * there are no more than `limit`. Sorts a typed array of the counts, not objects: a popular actor has thousands.
 */
export function pageCutoff(articles: Iterable<number>, limit: number, after?: RelatedAfter): number {
  const below: number[] = [];
  for (const n of articles) if (n > 0 && (!after || n < after.articles)) below.push(n);
  if (below.length <= limit) return 1;
  return Int32Array.from(below).sort()[below.length - limit]!;
}

/**
 * Whether an actor with this many articles is one a page can be cut from before ids are known: ids order ties, so
 * every actor tied with the page's last count is one, and after a cursor every actor at its count (ids decide which
 * are past it). Counts at or below zero (all articles removed) are no one's.
 */
export function isPageContender(articles: number, cutoff: number, after?: RelatedAfter): boolean {
  if (articles <= 0 || (after && articles > after.articles)) return false;
  return articles >= cutoff || articles === after?.articles;
}

/** Most shared articles first, ties by id in code-point order (`COLLATE "C"`), after the cursor, at most `limit`. */
export function relatedPage(named: readonly RelatedActor[], limit: number, after?: RelatedAfter): RelatedActor[] {
  const order = (a: RelatedActor, b: RelatedActor) => b.articles - a.articles || compareCodePoints(a.actor.id, b.actor.id);
  const past = after
    ? named.filter(
        (r) => r.articles < after.articles || (r.articles === after.articles && compareCodePoints(r.actor.id, after.id) > 0),
      )
    : [...named];
  return past.sort(order).slice(0, limit);
}
