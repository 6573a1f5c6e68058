import { ArticleContribution, MentionRow } from '../contributions/fold';
import { ContributionFold } from '../read-model-slice';
import { KEY_SEPARATOR } from '../sorted-by-key';

/** The two bucket sizes the read model keeps: hours, and days summed from them (what trends over weeks read). */
export type SentimentGranularity = 'hour' | 'day';

/**
 * Delta to one actor's UTC hour (or day) of sentiment: batches append hour deltas to `actor_sentiment_entries`,
 * whose sums per hour and per day are the `actor_sentiment` buckets. Scores are summed in micro-units, so sums stay
 * exact. Deltas are only ever added, so they take no lock.
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

const ZERO_SUMS = { mentions: 0, articles: 0, positive: 0, neutral: 0, negative: 0, scoreMicros: 0 };

const isZero = (b: SentimentBucketChange) =>
  b.mentions === 0 && b.articles === 0 && b.positive === 0 && b.neutral === 0 && b.negative === 0 && b.scoreMicros === 0;

/**
 * Sentiment deltas per actor and UTC hour; those that cancel out are dropped. Day buckets are summed from these
 * hours by the ledger's readers and its running totals rounds, so a batch appends one row per actor and hour.
 */
export class SentimentBucketsFold implements ContributionFold<SentimentBucketChange[]> {
  private readonly buckets = new Map<string, SentimentBucketChange>();

  add(contribution: ArticleContribution, sign: 1 | -1): void {
    for (const mention of contribution.mentions) {
      this.hour(mention, hourStart(mention.seenAt), sign);
    }
  }

  changes(): SentimentBucketChange[] {
    return [...this.buckets.values()].filter((b) => !isZero(b));
  }

  private hour(mention: MentionRow, start: string, sign: 1 | -1): void {
    const key = mention.actorId + KEY_SEPARATOR + start;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { actorId: mention.actorId, granularity: 'hour', bucketStart: start, ...ZERO_SUMS };
      this.buckets.set(key, bucket);
    }
    bucket.mentions += sign * mention.count;
    bucket.articles += sign;
    bucket[mention.sentimentLabel] += sign;
    bucket.scoreMicros += sign * scoreMicros(mention.sentimentScore);
  }
}

/** These hour deltas and, summed from them, the deltas of their UTC days (those that cancel out dropped). */
export function withDayBuckets(hours: readonly SentimentBucketChange[]): SentimentBucketChange[] {
  const days = new Map<string, SentimentBucketChange>();
  for (const hour of hours) {
    const start = dayStartOfHour(hour.bucketStart);
    const key = hour.actorId + KEY_SEPARATOR + start;
    const day = days.get(key) ?? { ...hour, granularity: 'day', bucketStart: start, ...ZERO_SUMS };
    day.mentions += hour.mentions;
    day.articles += hour.articles;
    day.positive += hour.positive;
    day.neutral += hour.neutral;
    day.negative += hour.negative;
    day.scoreMicros += hour.scoreMicros;
    days.set(key, day);
  }
  return [...hours, ...[...days.values()].filter((b) => !isZero(b))];
}
