import { SqlRunner } from '../sql/sql-session';
import { SentimentBucketChange, SentimentGranularity } from './fold';
import { isoInstant } from '../sql/iso-instant';
import { ActorRef } from '../actor-pairs/queries';
import { SENTIMENT_ENTRIES_TABLE } from './tables';
import { trendSpans } from './trend-spans';

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
   * by id; mean scores are per article, as the sentiment buckets give them.
   *
   * Two passes over the ledger ranges of {@link trendSpans} (whole days of an hour window from day
   * entries). The ranking sums one signed count per actor, read from the covering
   * (granularity, bucket_start) index alone: the change is all the order needs, and summing six
   * filtered columns for every actor cost twice as much. Only the `limit` actors ranked are then
   * summed in full, each from its own (actor_id, granularity, bucket_start) range.
   */
  async trends(
    granularity: SentimentGranularity,
    previousFrom: string,
    from: string,
    to: string,
    limit: number,
  ): Promise<ActorTrend[]> {
    const spans = trendSpans(granularity, previousFrom, from, to);
    const rows: TrendRow[] = await this.sql.query(
      `WITH spans AS (
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[]) AS s(granularity, span_from, span_to, sign)),
       ranked AS (
         SELECT e.actor_id, sum(e.mentions * s.sign) AS mention_change
         FROM spans s
         JOIN ${SENTIMENT_ENTRIES_TABLE} e
           ON e.granularity = s.granularity AND e.bucket_start >= s.span_from AND e.bucket_start < s.span_to
         GROUP BY e.actor_id
         HAVING sum(e.articles) > 0
         ORDER BY abs(sum(e.mentions * s.sign)) DESC, e.actor_id COLLATE "C"
         LIMIT $5),
       sums AS (
         SELECT r.actor_id, r.mention_change,
                sum(e.mentions) FILTER (WHERE s.sign > 0) AS mentions,
                sum(e.articles) FILTER (WHERE s.sign > 0) AS articles,
                sum(e.score_micros) FILTER (WHERE s.sign > 0) AS score_micros,
                sum(e.mentions) FILTER (WHERE s.sign < 0) AS previous_mentions,
                sum(e.articles) FILTER (WHERE s.sign < 0) AS previous_articles,
                sum(e.score_micros) FILTER (WHERE s.sign < 0) AS previous_score_micros
         FROM ranked r
         CROSS JOIN spans s
         JOIN ${SENTIMENT_ENTRIES_TABLE} e
           ON e.actor_id = r.actor_id AND e.granularity = s.granularity
          AND e.bucket_start >= s.span_from AND e.bucket_start < s.span_to
         GROUP BY r.actor_id, r.mention_change)
       SELECT a.id, a.name, a.kind, a.role, COALESCE(t.mentions, 0)::int AS mentions,
              COALESCE(t.previous_mentions, 0)::int AS previous_mentions,
              CASE WHEN t.articles > 0 THEN round(t.score_micros::numeric / t.articles / 1000000, 6) END AS mean_score,
              CASE WHEN t.previous_articles > 0 THEN round(t.previous_score_micros::numeric / t.previous_articles / 1000000, 6) END
                AS previous_mean_score
       FROM sums t JOIN actors a ON a.id = t.actor_id
       ORDER BY abs(t.mention_change) DESC, t.actor_id COLLATE "C"`,
      [spans.map((s) => s.granularity), spans.map((s) => s.from), spans.map((s) => s.to), spans.map((s) => s.sign), limit],
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
