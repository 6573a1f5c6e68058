/**
 * Sentiment toward actors is stored as an append-only ledger: every batch adds one row per actor and UTC hour it
 * changed (removed or revised articles add negative rows), and the `actor_sentiment` view sums them into hour and day
 * buckets. Appending takes no row lock, so concurrent batches never wait on a popular actor's buckets. The running
 * totals rounds (`totalHourEntries`) fold each hour's new entries into one flagged (`totalled`) row and add them to
 * a flagged day row and the running totals, so reads stay short: a day bucket is its flagged day row plus the hour
 * entries not flagged yet, and a week's trends read a fraction of the rows.
 */
export const SENTIMENT_ENTRIES_TABLE = 'actor_sentiment_entries';
/** One row, which every round that rewrites the ledger's entries takes first, so no two run at once. */
export const SENTIMENT_COMPACTION_TABLE = 'actor_sentiment_compaction';
/**
 * A dense integer key per actor (handed out by `totalHourEntries`), its slot in the running totals. Keys are
 * internal to their schema: a rebuild's shadow hands out its own.
 */
export const ACTOR_KEYS_TABLE = 'actor_keys';
/**
 * Running totals: per UTC day, every actor's sums over the flagged (`totalled`) entries of all the days before
 * it, packed by key (`sum-vectors.ts`). A window's sums are the difference of two rows plus its unflagged hour
 * entries, whatever its length.
 */
export const ACTOR_TOTALS_TABLE = 'actor_totals_by_day';

const SUMS = `sum(mentions)::int AS mentions, sum(articles)::int AS articles, sum(positive)::int AS positive,
         sum(neutral)::int AS neutral, sum(negative)::int AS negative, sum(score_micros)::bigint AS score_micros,
         round(sum(score_micros)::numeric / sum(articles) / 1000000, 6)::numeric(8, 6) AS mean_score`;

const ENTRY_COLUMNS = 'actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros';

/**
 * The rows whose sums per (actor, granularity, start) are the buckets: every entry, and the hour entries not in a
 * flagged day row yet once more, as entries of their UTC day. `entries` is the (qualified) ledger table.
 */
export function sentimentBucketEntries(entries: string): string {
  return `SELECT ${ENTRY_COLUMNS} FROM ${entries}
       UNION ALL
       SELECT actor_id, 'day', date_trunc('day', bucket_start, 'UTC'), mentions, articles, positive, neutral, negative, score_micros
       FROM ${entries} WHERE granularity = 'hour' AND NOT totalled`;
}

/**
 * The `actor_sentiment` buckets over the entries of `schema`: per actor, granularity (UTC hour or
 * day) and start, the buckets some article still contributes to (a bucket whose articles were all
 * removed is gone).
 */
export function actorSentimentSelect(schema: string): string {
  return `SELECT actor_id, granularity, bucket_start, ${SUMS}
       FROM (${sentimentBucketEntries(`${schema}.${SENTIMENT_ENTRIES_TABLE}`)}) e
       GROUP BY actor_id, granularity, bucket_start HAVING sum(articles) > 0`;
}
