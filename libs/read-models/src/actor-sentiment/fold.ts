import { ArticleContribution, MentionRow } from '../contributions/fold';
import { ContributionFold } from '../read-model-slice';
import { KEY_SEPARATOR } from '../sorted-by-key';

/** The two bucket sizes the ledger keeps: hours, and days summed from them (what trends over weeks read). */
export type SentimentGranularity = 'hour' | 'day';

/**
 * Delta to one actor's UTC hour or day of sentiment: a row appended to `actor_sentiment_entries`,
 * whose sums per hour and per day are the `actor_sentiment` buckets. Scores are summed in
 * micro-units, so sums stay exact. Deltas are only ever added, so they take no lock.
 */
export interface SentimentBucketChange {
  actorId: string;
  granularity: SentimentGranularity;
  /** Start of the UTC hour or day. */
  bucketStart: string;
  mentions: number;
  articles: number;
  positive: number;
  neutral: number;
  negative: number;
  scoreMicros: number;
}

/** The same rounding PostgreSQL applies when it stores a `real`, then micro-units. */
export function scoreMicros(score: number): number {
  return Math.round(Math.fround(score) * 1_000_000);
}

/** Start of the UTC hour an instant falls in, as an ISO string. */
export function hourStart(instant: string): string {
  // Rows carry normalised UTC instants; parse only what is not one already (hot path).
  const iso = instant.length === 24 && instant.endsWith('Z') ? instant : new Date(instant).toISOString();
  return `${iso.slice(0, 13)}:00:00.000Z`;
}

/** Start of the UTC day an hour start (as `hourStart` gives it) falls in. */
export function dayStartOfHour(hour: string): string {
  return `${hour.slice(0, 10)}T00:00:00.000Z`;
}

const isZero = (b: SentimentBucketChange) =>
  b.mentions === 0 && b.articles === 0 && b.positive === 0 && b.neutral === 0 && b.negative === 0 && b.scoreMicros === 0;

/**
 * Sentiment deltas per actor and hour, and per actor and day (the same mentions counted again in
 * their day's bucket); those that cancel out are dropped.
 */
export class SentimentBucketsFold implements ContributionFold<SentimentBucketChange[]> {
  private readonly buckets = new Map<string, SentimentBucketChange>();

  add(contribution: ArticleContribution, sign: 1 | -1): void {
    for (const mention of contribution.mentions) {
      const hour = hourStart(mention.seenAt);
      this.bucket(mention, 'hour', hour, sign);
      this.bucket(mention, 'day', dayStartOfHour(hour), sign);
    }
  }

  changes(): SentimentBucketChange[] {
    return [...this.buckets.values()].filter((b) => !isZero(b));
  }

  private bucket(mention: MentionRow, granularity: SentimentGranularity, start: string, sign: 1 | -1): void {
    const key = mention.actorId + KEY_SEPARATOR + granularity + KEY_SEPARATOR + start;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = {
        actorId: mention.actorId,
        granularity,
        bucketStart: start,
        mentions: 0,
        articles: 0,
        positive: 0,
        neutral: 0,
        negative: 0,
        scoreMicros: 0,
      };
      this.buckets.set(key, bucket);
    }
    bucket.mentions += sign * mention.count;
    bucket.articles += sign;
    bucket[mention.sentimentLabel] += sign;
    bucket.scoreMicros += sign * scoreMicros(mention.sentimentScore);
  }
}
