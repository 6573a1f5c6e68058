/**
 * Sentiment toward actors is stored as an append-only ledger: every batch adds one row per actor and UTC hour it
 * changed (removed or revised articles add negative rows), with its transaction's id (`xact`), and the
 * `actor_sentiment` view sums them into hour and day buckets. Appending takes no row lock, so concurrent batches
 * never wait on a popular actor's buckets. The running totals rounds (`totalHourEntries`) add the entries of
 * transactions that have ended to the running totals and move the mark (`totalled_below`) past them, writing no
 * entry, so a week's trends read the totals and the few entries above the mark; they fold an hour's entries into one
 * row once it has {@link FOLDED_ENTRIES_PER_HOUR} of them, so a popular actor's hours stay short.
 */
export const SENTIMENT_ENTRIES_TABLE = 'actor_sentiment_entries';
/**
 * One row, which every round takes first, so no two run at once; its `totalled_below` is the mark: every entry
 * whose `xact` is below it is in the running totals (none before the first round makes the row).
 */
export const SENTIMENT_COMPACTION_TABLE = 'actor_sentiment_compaction';
/**
 * A dense integer key per actor (handed out by `totalHourEntries`), its slot in the running totals. Keys are
 * internal to their schema: a rebuild's shadow hands out its own.
 */
export const ACTOR_KEYS_TABLE = 'actor_keys';
/**
 * Running totals: per UTC day, every actor's sums over the entries below the mark of all the days before it, packed
 * by key (`sum-vectors.ts`). A window's sums are the difference of two rows plus its entries at or above the mark,
 * whatever its length.
 */
export const ACTOR_TOTALS_TABLE = 'actor_totals_by_day';

const SUMS = `sum(mentions)::int AS mentions, sum(articles)::int AS articles, sum(positive)::int AS positive,
         sum(neutral)::int AS neutral, sum(negative)::int AS negative, sum(score_micros)::bigint AS score_micros,
         round(sum(score_micros)::numeric / sum(articles) / 1000000, 6)::numeric(8, 6) AS mean_score`;

/** Hour entries an hour may pile up before a round folds them (and the entries below the mark) into one. */
export const FOLDED_ENTRIES_PER_HOUR = 8;

/**
 * Touched hours a running totals round probes for crowding, those with the most new entries first. A live stream
 * touches a few hours per round and all are probed; a replay, a rebuild or a backlog spreads a round over up to a
 * hundred thousand hours, about 1.5 entries each in the projection bench, whose probes (1.2 s a round) found almost
 * none crowded. An hour left out is probed when a later round touches it within the budget.
 */
export const PROBED_HOURS_PER_ROUND = 10_000;

/** The mark, in SQL: entries whose `xact` is below it are in the running totals (0 before the first round). */
export const TOTALLED_BELOW = `coalesce((SELECT totalled_below FROM ${SENTIMENT_COMPACTION_TABLE}), 0)`;

/**
 * The rows whose sums per (actor, granularity, start) are the buckets: every entry as an entry of its UTC hour,
 * and once more as one of its UTC day. `entries` is the (qualified) ledger table.
 */
export function sentimentBucketEntries(entries: string): string {
  return `SELECT actor_id, 'hour' AS granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros
       FROM ${entries}
       UNION ALL
       SELECT actor_id, 'day', date_trunc('day', bucket_start, 'UTC'), mentions, articles, positive, neutral, negative, score_micros
       FROM ${entries}`;
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
