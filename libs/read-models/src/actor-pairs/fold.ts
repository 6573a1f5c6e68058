import { ArticleContribution } from '../contributions/fold';
import { hourStart } from '../actor-sentiment/fold';
import { ContributionFold } from '../read-model-slice';
import { KEY_SEPARATOR, sortedByKey } from '../sorted-by-key';

/**
 * Delta to the number of live articles of one UTC week (Monday to Monday, by the article's
 * published time, as the sentiment buckets take it) that mention both `actorId` and
 * `otherActorId`. Every pair is kept in both directions, so the actors related to one are a range
 * of its own rows. Weeks, not days: a popular actor meets most others every day, so a month of its
 * pairs is about five times fewer rows by week than by day (see `actor_pairs` in the README).
 */
export interface ActorPairChange {
  actorId: string;
  /** The Monday the UTC week starts on, `YYYY-MM-DD`. */
  week: string;
  otherActorId: string;
  articles: number;
}

const DAY_MS = 86_400_000;

/** The Monday (`YYYY-MM-DD`) of the UTC week an instant falls in, as PostgreSQL's `date_trunc('week', …)` gives it. */
export function utcWeek(instant: string): string {
  const day = Math.floor(Date.parse(hourStart(instant)) / DAY_MS);
  // Day 0 (1970-01-01) was a Thursday: Mondays are the days d with (d + 3) % 7 = 0.
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  return new Date(monday * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Article-level co-occurrence: an article with n distinct actors adds 1 to each of its n(n-1)
 * ordered pairs in its week. Deltas that cancel out are dropped; sorted by (actor, week, other), the
 * ledger index's key order, so a batch's entries reach the index's pages in order.
 */
export class ActorPairsFold implements ContributionFold<ActorPairChange[]> {
  private readonly pairs = new Map<string, ActorPairChange>();

  add({ mentions, seenAt }: ArticleContribution, sign: 1 | -1): void {
    // Mention rows are one per actor and article already; the set guards the pair count anyway.
    const actorIds = [...new Set(mentions.map((m) => m.actorId))];
    if (actorIds.length < 2) return;
    const week = utcWeek(seenAt);
    for (const actorId of actorIds) {
      for (const otherActorId of actorIds) {
        if (otherActorId !== actorId) this.pair(actorId, week, otherActorId).articles += sign;
      }
    }
  }

  changes(): ActorPairChange[] {
    return sortedByKey(this.pairs, (p) => p.articles !== 0);
  }

  private pair(actorId: string, week: string, otherActorId: string): ActorPairChange {
    const key = actorId + KEY_SEPARATOR + week + KEY_SEPARATOR + otherActorId;
    let change = this.pairs.get(key);
    if (!change) {
      change = { actorId, week, otherActorId, articles: 0 };
      this.pairs.set(key, change);
    }
    return change;
  }
}
