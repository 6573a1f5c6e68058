import { compareCodePoints } from '@chronicle/domain';
import { ActorSums, KeyedWindowSums } from './sum-vectors';

/** One actor's sums in the window and in the one before it; `id` may be known only later (see {@link contenders}). */
export interface TrendCandidate {
  key: number | null;
  id: string | null;
  current: ActorSums;
  previous: ActorSums;
}

const change = (c: TrendCandidate): number => Math.abs(c.current.mentions - c.previous.mentions);
const live = (c: TrendCandidate): boolean => c.current.articles + c.previous.articles > 0;

/**
 * The candidates that can make the top `limit` (an actor some live article of either window mentions, ranked by the
 * absolute change of its mentions, ties by id): every one whose change is at least the `limit`-th largest, among
 * the actors summed by key and those known by id only. Those tied with it are ranked by id once their ids are
 * known ({@link topTrends}). Objects are made for these alone, not for every actor.
 */
export function contenders(keyed: KeyedWindowSums, unkeyed: readonly TrendCandidate[], limit: number): TrendCandidate[] {
  if (limit <= 0) return [];
  const changes = new Float64Array(keyed.keys + unkeyed.length);
  let count = 0;
  for (let key = 1; key <= keyed.keys; key++) if (keyed.articlesInBoth(key) > 0) changes[count++] = keyed.mentionChange(key);
  for (const c of unkeyed) if (live(c)) changes[count++] = change(c);
  const threshold = count <= limit ? 0 : changes.subarray(0, count).sort()[count - limit]!;
  const kept: TrendCandidate[] = unkeyed.filter((c) => live(c) && change(c) >= threshold);
  for (let key = 1; key <= keyed.keys; key++) {
    if (keyed.articlesInBoth(key) > 0 && keyed.mentionChange(key) >= threshold) {
      kept.push({ key, id: null, current: keyed.sums(key, 1), previous: keyed.sums(key, -1) });
    }
  }
  return kept;
}

/** The first `limit` of candidates whose ids are known, by absolute mention change descending, ties by id (code points, as `COLLATE "C"`). */
export function topTrends<T extends TrendCandidate & { id: string }>(candidates: readonly T[], limit: number): T[] {
  return [...candidates].sort((a, b) => change(b) - change(a) || compareCodePoints(a.id, b.id)).slice(0, Math.max(0, limit));
}

/**
 * The mean score of summed buckets, as PostgreSQL gives `round(score_micros::numeric / articles / 1000000, 6)`
 * (halves away from zero), or null without articles. Exact: micro-units over articles rounded in integers.
 */
export function meanScore(sums: ActorSums): number | null {
  if (sums.articles <= 0) return null;
  const magnitude = Math.floor((2 * Math.abs(sums.scoreMicros) + sums.articles) / (2 * sums.articles));
  return (Math.sign(sums.scoreMicros) * magnitude) / 1_000_000 || 0;
}
