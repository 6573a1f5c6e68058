import { SqlRunner } from '../sql/sql-session';
import { SentimentBucketChange } from './fold';
import { isoInstant } from '../sql/iso-instant';

/** Sentiment toward an actor in one hour or day: the summed entries, with the mean score instead of the sum. */
export type SentimentBucket = Omit<SentimentBucketChange, 'actorId' | 'scoreMicros'> & { meanScore: number | null };

interface BucketRow {
  bucket_start: Date | string;
  mentions: number;
  articles: number;
  positive: number;
  neutral: number;
  negative: number;
  mean_score: string | number | null;
}

/** What the API reads from the actor sentiment read model. */
export class ActorSentimentQueries {
  constructor(private readonly sql: SqlRunner) {}

  /** Sentiment toward the actor per hour or day, oldest first, within [from, to) (UTC ISO 8601 instants). */
  async series(actorId: string, granularity: 'hour' | 'day', from: string | null, to: string | null): Promise<SentimentBucket[]> {
    const rows: BucketRow[] = await this.sql.query(
      `SELECT bucket_start, mentions, articles, positive, neutral, negative, mean_score
       FROM actor_sentiment
       WHERE actor_id = $1 AND granularity = $2
         AND ($3::timestamptz IS NULL OR bucket_start >= $3) AND ($4::timestamptz IS NULL OR bucket_start < $4)
       ORDER BY bucket_start`,
      [actorId, granularity, from, to],
    );
    return rows.map((r) => ({
      bucketStart: isoInstant(r.bucket_start),
      mentions: r.mentions,
      articles: r.articles,
      positive: r.positive,
      neutral: r.neutral,
      negative: r.negative,
      meanScore: r.mean_score === null ? null : Number(r.mean_score),
    }));
  }
}
