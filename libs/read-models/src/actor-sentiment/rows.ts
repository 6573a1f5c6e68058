import { ReadModelRow, SliceRows } from '../read-model-slice';
import { isoInstant } from '../sql/iso-instant';
import { SentimentBucketChange, withDayBuckets } from './fold';
import { SENTIMENT_ENTRIES_TABLE, sentimentBucketEntries } from './tables';

/** The hour and day buckets (the ledger summed per actor, granularity and start), as the `actor_sentiment` view lists them. */
export const sentimentRows: SliceRows<SentimentBucketChange[]> = {
  fromFold: (hours) =>
    withDayBuckets(hours)
      .map((b): ReadModelRow => ({ ...b }))
      .sort(byActorAndBucket),
  read: async (sql) => {
    const rows: Array<Record<string, unknown>> = await sql.query(
      `SELECT actor_id, granularity, bucket_start, sum(mentions) AS mentions, sum(articles) AS articles, sum(positive) AS positive,
              sum(neutral) AS neutral, sum(negative) AS negative, sum(score_micros) AS score_micros
       FROM (${sentimentBucketEntries(SENTIMENT_ENTRIES_TABLE)}) e
       GROUP BY actor_id, granularity, bucket_start HAVING sum(articles) > 0`,
    );
    return rows
      .map((r): ReadModelRow => ({
        actorId: r.actor_id as string,
        granularity: r.granularity as string,
        bucketStart: isoInstant(r.bucket_start as Date),
        mentions: Number(r.mentions),
        articles: Number(r.articles),
        positive: Number(r.positive),
        neutral: Number(r.neutral),
        negative: Number(r.negative),
        scoreMicros: Number(r.score_micros),
      }))
      .sort(byActorAndBucket);
  },
};

function byActorAndBucket(a: ReadModelRow, b: ReadModelRow): number {
  const key = (r: ReadModelRow) => `${r.actorId as string}\u0000${r.granularity as string}\u0000${r.bucketStart as string}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
