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

/** One (actor, week)'s co-mention deltas, by co-mentioned actor id (none at zero once folded). */
export interface PairWeekChange {
  actorId: string;
  week: string;
  others: Map<string, number>;
}

/** A batch's co-mention deltas grouped by (actor, week): the change rows it adds to the packed weeks. */
export interface PairWeekChanges {
  /** Every co-mentioned actor of {@link weeks}, each once, in id order (the order new pair keys are handed out in). */
  otherActorIds: string[];
  /** In (actor, week) order. */
  weeks: PairWeekChange[];
}

/**
 * Article-level co-occurrence: an article with n distinct actors adds 1 to each of its n(n-1) ordered pairs in its
 * week. Grouped by (actor, week) as it folds, so a pair costs one map update on ids it already holds (no composite
 * key per pair, no sort of every pair: a batch of 500 articles has some 45,000); deltas that cancel out are dropped.
 */
export class ActorPairsFold implements ContributionFold<PairWeekChanges> {
  private readonly weeks = new Map<string, PairWeekChange>();

  add({ mentions, seenAt }: ArticleContribution, sign: 1 | -1): void {
    // Mention rows are one per actor and article already; the set guards the pair count anyway.
    const actorIds = [...new Set(mentions.map((m) => m.actorId))];
    if (actorIds.length < 2) return;
    const week = utcWeek(seenAt);
    for (const actorId of actorIds) {
      const { others } = this.weekOf(actorId, week);
      for (const otherActorId of actorIds) {
        if (otherActorId !== actorId) others.set(otherActorId, (others.get(otherActorId) ?? 0) + sign);
      }
    }
  }

  changes(): PairWeekChanges {
    const otherActorIds = new Set<string>();
    const weeks: PairWeekChange[] = [];
    for (const change of sortedByKey(this.weeks)) {
      for (const [otherActorId, articles] of change.others) {
        if (articles === 0) change.others.delete(otherActorId);
        else otherActorIds.add(otherActorId);
      }
      if (change.others.size > 0) weeks.push(change);
    }
    return { otherActorIds: [...otherActorIds].sort(), weeks };
  }

  private weekOf(actorId: string, week: string): PairWeekChange {
    const key = actorId + KEY_SEPARATOR + week;
    let change = this.weeks.get(key);
    if (!change) {
      change = { actorId, week, others: new Map() };
      this.weeks.set(key, change);
    }
    return change;
  }
}

/** The changes as one delta per (actor, week, other actor), in that key order (ids in code-unit order). */
export function pairChangesOf({ weeks }: PairWeekChanges): ActorPairChange[] {
  return weeks.flatMap(({ actorId, week, others }) =>
    [...others.keys()].sort().map((otherActorId) => ({ actorId, week, otherActorId, articles: others.get(otherActorId)! })),
  );
}
