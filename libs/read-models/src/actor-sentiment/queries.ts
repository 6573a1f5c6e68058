import { SqlRunner } from '../sql/sql-session';
import { SentimentBucketChange, SentimentGranularity } from './fold';
import { isoInstant } from '../sql/iso-instant';
import { ActorRef } from '../actor-pairs/queries';
import { SENTIMENT_ENTRIES_TABLE } from './tables';

/** Sentiment toward an actor in one hour or day: the summed entries, with the mean score instead of the sum. */
export type SentimentBucket = Omit<SentimentBucketChange, 'actorId' | 'granularity' | 'scoreMicros'> & {
  meanScore: number | null;
};

interface BucketRow {
  bucket_start: Date | string;
  mentions: number;
  articles: number;
  positive: number;
  neutral: number;
  negative: number;
  mean_score: string | number | null;
}

/** One actor's mentions and mean sentiment in a window and in the window before it. */
export interface ActorTrend {
  actor: ActorRef;
  mentions: number;
  previousMentions: number;
  mentionChange: number;
  meanScore: number | null;
  previousMeanScore: number | null;
  sentimentChange: number | null;
}

interface TrendRow {
  id: string;
  name: string;
  kind: string;
  role: string | null;
  mentions: number;
  previous_mentions: number;
  mean_score: string | null;
  previous_mean_score: string | null;
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

  /**
   * Actors whose mentions changed most between [`previousFrom`, `from`) and [`from`, `to`) (bucket
   * starts of `granularity`, UTC ISO instants), by |mentions − previous mentions| descending, ties
   * by id. One range of the ledger's `granularity` rows by bucket start (both windows, summed per
   * actor with FILTER), read from the covering (granularity, bucket_start) index alone; mean scores
   * are per article, as the sentiment buckets give them.
   */
  async trends(
    granularity: SentimentGranularity,
    previousFrom: string,
    from: string,
    to: string,
    limit: number,
  ): Promise<ActorTrend[]> {
    const rows: TrendRow[] = await this.sql.query(
      `WITH sums AS (
         SELECT actor_id,
                sum(mentions) FILTER (WHERE bucket_start >= $2) AS mentions,
                sum(articles) FILTER (WHERE bucket_start >= $2) AS articles,
                sum(score_micros) FILTER (WHERE bucket_start >= $2) AS score_micros,
                sum(mentions) FILTER (WHERE bucket_start < $2) AS previous_mentions,
                sum(articles) FILTER (WHERE bucket_start < $2) AS previous_articles,
                sum(score_micros) FILTER (WHERE bucket_start < $2) AS previous_score_micros
         FROM ${SENTIMENT_ENTRIES_TABLE}
         WHERE granularity = $5 AND bucket_start >= $1::timestamptz AND bucket_start < $3::timestamptz
         GROUP BY actor_id),
       ranked AS (
         SELECT actor_id, COALESCE(mentions, 0)::int AS mentions, COALESCE(previous_mentions, 0)::int AS previous_mentions,
                CASE WHEN articles > 0 THEN round(score_micros::numeric / articles / 1000000, 6) END AS mean_score,
                CASE WHEN previous_articles > 0 THEN round(previous_score_micros::numeric / previous_articles / 1000000, 6) END
                  AS previous_mean_score
         FROM sums
         WHERE COALESCE(articles, 0) > 0 OR COALESCE(previous_articles, 0) > 0
         ORDER BY abs(COALESCE(mentions, 0) - COALESCE(previous_mentions, 0)) DESC, actor_id COLLATE "C"
         LIMIT $4)
       SELECT a.id, a.name, a.kind, a.role, r.mentions, r.previous_mentions, r.mean_score, r.previous_mean_score
       FROM ranked r JOIN actors a ON a.id = r.actor_id
       ORDER BY abs(r.mentions - r.previous_mentions) DESC, r.actor_id COLLATE "C"`,
      [previousFrom, from, to, limit, granularity],
    );
    return rows.map((r) => {
      const meanScore = r.mean_score === null ? null : Number(r.mean_score);
      const previousMeanScore = r.previous_mean_score === null ? null : Number(r.previous_mean_score);
      return {
        actor: { id: r.id, name: r.name, kind: r.kind, role: r.role },
        mentions: r.mentions,
        previousMentions: r.previous_mentions,
        mentionChange: r.mentions - r.previous_mentions,
        meanScore,
        previousMeanScore,
        sentimentChange:
          meanScore === null || previousMeanScore === null ? null : Math.round((meanScore - previousMeanScore) * 1e6) / 1e6,
      };
    });
  }
}
