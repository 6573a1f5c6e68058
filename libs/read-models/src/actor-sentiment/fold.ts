import { ArticleContribution, MentionRow } from '../contributions/fold';
import { ContributionFold } from '../read-model-slice';
import { KEY_SEPARATOR } from '../sorted-by-key';

/**
 * Delta to one actor's UTC hour of sentiment: a row appended to `actor_sentiment_entries`, whose
 * sums per hour (and per day) are the `actor_sentiment` buckets. Scores are summed in
 * micro-units, so sums stay exact. Deltas are only ever added, so they take no lock.
 */
export interface SentimentBucketChange {
  actorId: string;
  /** Start of the UTC hour. */
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

/** Start of the UTC hour an instant falls in, as an ISO string (days are summed from hours by the read model). */
export function hourStart(instant: string): string {
  // Rows carry normalised UTC instants; parse only what is not one already (hot path).
  const iso = instant.length === 24 && instant.endsWith('Z') ? instant : new Date(instant).toISOString();
  return `${iso.slice(0, 13)}:00:00.000Z`;
}

const isZero = (b: SentimentBucketChange) =>
  b.mentions === 0 && b.articles === 0 && b.positive === 0 && b.neutral === 0 && b.negative === 0 && b.scoreMicros === 0;

/** Sentiment deltas per actor and hour; those that cancel out are dropped. */
export class SentimentBucketsFold implements ContributionFold<SentimentBucketChange[]> {
  private readonly buckets = new Map<string, SentimentBucketChange>();

  add(contribution: ArticleContribution, sign: 1 | -1): void {
    for (const mention of contribution.mentions) this.bucket(mention, sign);
  }

  changes(): SentimentBucketChange[] {
    return [...this.buckets.values()].filter((b) => !isZero(b));
  }

  private bucket(mention: MentionRow, sign: 1 | -1): void {
    const start = hourStart(mention.seenAt);
    const key = mention.actorId + KEY_SEPARATOR + start;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = {
        actorId: mention.actorId,
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
