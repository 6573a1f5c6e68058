import { ArticleContribution } from '../contributions/fold';
import { hourStart } from '../actor-sentiment/fold';
import { ContributionFold } from '../read-model-slice';
import { KEY_SEPARATOR, sortedByKey } from '../sorted-by-key';

/**
 * Delta to the number of live articles of one UTC day (the article's published time, as the
 * sentiment buckets take it) that mention both `actorId` and `otherActorId`. Every pair is kept in
 * both directions, so the actors related to one are a range of its own rows.
 */
export interface ActorPairChange {
  actorId: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  otherActorId: string;
  articles: number;
}

/** The UTC day an instant falls in, as `YYYY-MM-DD`. */
export function utcDay(instant: string): string {
  return hourStart(instant).slice(0, 10);
}

/**
 * Article-level co-occurrence: an article with n distinct actors adds 1 to each of its n(n-1)
 * ordered pairs on its day. Deltas that cancel out are dropped; sorted by (actor, day, other), the
 * table's key and lock order.
 */
export class ActorPairsFold implements ContributionFold<ActorPairChange[]> {
  private readonly pairs = new Map<string, ActorPairChange>();

  add({ mentions, seenAt }: ArticleContribution, sign: 1 | -1): void {
    // Mention rows are one per actor and article already; the set guards the pair count anyway.
    const actorIds = [...new Set(mentions.map((m) => m.actorId))];
    if (actorIds.length < 2) return;
    const day = utcDay(seenAt);
    for (const actorId of actorIds) {
      for (const otherActorId of actorIds) {
        if (otherActorId !== actorId) this.pair(actorId, day, otherActorId).articles += sign;
      }
    }
  }

  changes(): ActorPairChange[] {
    return sortedByKey(this.pairs, (p) => p.articles !== 0);
  }

  private pair(actorId: string, day: string, otherActorId: string): ActorPairChange {
    const key = actorId + KEY_SEPARATOR + day + KEY_SEPARATOR + otherActorId;
    let change = this.pairs.get(key);
    if (!change) {
      change = { actorId, day, otherActorId, articles: 0 };
      this.pairs.set(key, change);
    }
    return change;
  }
}
