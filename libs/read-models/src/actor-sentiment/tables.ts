/**
 * Sentiment toward actors is stored as an append-only ledger: every batch adds one row per actor
 * and UTC hour it changed, and one per actor and UTC day (removed or revised articles add
 * negative rows), and the `actor_sentiment` view sums them into hour and day buckets. Day rows
 * are kept, not summed from hours at read time, so a week's trends read a fraction of the rows. Appending takes no row lock, so
 * concurrent batches never wait on a popular actor's buckets; `compactSentimentEntries`
 * folds the rows of each hour into one from time to time, and `totalDayEntries` those of each day, so reads stay short.
 */
export const SENTIMENT_ENTRIES_TABLE = 'actor_sentiment_entries';
/** One row: entries up to this id have been looked at by a compaction round. */
export const SENTIMENT_COMPACTION_TABLE = 'actor_sentiment_compaction';
/**
 * A dense integer key per actor (handed out by `totalDayEntries`), its slot in the running totals. Keys are
 * internal to their schema: a rebuild's shadow hands out its own.
 */
export const ACTOR_KEYS_TABLE = 'actor_keys';
/**
 * Running totals: per UTC day, every actor's sums over the flagged (`totalled`) day entries of all the days before
 * it, packed by key (`sum-vectors.ts`). A window's sums are the difference of two rows plus its unflagged day
 * entries, whatever its length.
 */
export const ACTOR_TOTALS_TABLE = 'actor_totals_by_day';

const SUMS = `sum(mentions)::int AS mentions, sum(articles)::int AS articles, sum(positive)::int AS positive,
         sum(neutral)::int AS neutral, sum(negative)::int AS negative, sum(score_micros)::bigint AS score_micros,
         round(sum(score_micros)::numeric / sum(articles) / 1000000, 6)::numeric(8, 6) AS mean_score`;

/**
 * The `actor_sentiment` buckets over the entries of `schema`: per actor, granularity (UTC hour or
 * day) and start, the buckets some article still contributes to (a bucket whose articles were all
 * removed is gone).
 */
export function actorSentimentSelect(schema: string): string {
  return `SELECT actor_id, granularity, bucket_start, ${SUMS}
       FROM ${schema}.${SENTIMENT_ENTRIES_TABLE} GROUP BY actor_id, granularity, bucket_start HAVING sum(articles) > 0`;
}
