import { MigrationInterface, QueryRunner } from 'typeorm';

const SUMS = `sum(mentions)::int AS mentions, sum(articles)::int AS articles, sum(positive)::int AS positive,
         sum(neutral)::int AS neutral, sum(negative)::int AS negative, sum(score_micros)::bigint AS score_micros,
         round(sum(score_micros)::numeric / sum(articles) / 1000000, 6)::numeric(8, 6) AS mean_score`;

const COLUMNS = 'actor_id, granularity, bucket_start, totalled, mentions, articles, positive, neutral, negative, score_micros';

/**
 * Projector batches append one sentiment entry per actor and hour instead of one per hour and one per day (half the
 * rows every batch writes). A day is now its flagged day row plus the unflagged hour entries of that day, which the
 * running totals rounds fold into flagged hour and day rows as they add them to the totals:
 * - every hour entry is flagged (its sums are in the day entries, flagged or not);
 * - each unflagged day entry becomes an unflagged hour entry at the day's start, which days and trends read, and a
 *   flagged one with the opposite sums, so the hour's own sums do not change; the next round folds both away;
 * - `actor_sentiment_entries_untotalled_idx` keeps the unflagged hour entries, not day entries;
 * - the `actor_sentiment` view sums each day from its day rows and its unflagged hours.
 * (The view's SQL here is this migration's own; the projection catalog holds the live one.)
 */
export class SentimentHourEntriesOnly1764072800000 implements MigrationInterface {
  name = 'SentimentHourEntriesOnly1764072800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE actor_sentiment_entries SET totalled = true WHERE granularity = 'hour' AND NOT totalled`);
    await queryRunner.query(`
      INSERT INTO actor_sentiment_entries (${COLUMNS})
      SELECT actor_id, 'hour', bucket_start, flag, sign * mentions, sign * articles, sign * positive, sign * neutral,
             sign * negative, sign * score_micros
      FROM actor_sentiment_entries CROSS JOIN (VALUES (false, 1), (true, -1)) AS v(flag, sign)
      WHERE granularity = 'day' AND NOT totalled`);
    await queryRunner.query(`DELETE FROM actor_sentiment_entries WHERE granularity = 'day' AND NOT totalled`);
    await queryRunner.query('DROP INDEX actor_sentiment_entries_untotalled_idx');
    await queryRunner.query(
      `CREATE INDEX actor_sentiment_entries_untotalled_idx ON actor_sentiment_entries (bucket_start)
         INCLUDE (actor_id, mentions, articles, score_micros) WHERE granularity = 'hour' AND NOT totalled`,
    );
    await queryRunner.query(`
      CREATE OR REPLACE VIEW actor_sentiment AS
      SELECT actor_id, granularity, bucket_start, ${SUMS}
      FROM (SELECT actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros
            FROM actor_sentiment_entries
            UNION ALL
            SELECT actor_id, 'day', date_trunc('day', bucket_start, 'UTC'), mentions, articles, positive, neutral,
                   negative, score_micros
            FROM actor_sentiment_entries WHERE granularity = 'hour' AND NOT totalled) e
      GROUP BY actor_id, granularity, bucket_start HAVING sum(articles) > 0`);
  }

  /** Back to unflagged entries of both kinds and no running totals: the worker of that version totals them again. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE VIEW actor_sentiment AS
      SELECT actor_id, granularity, bucket_start, ${SUMS}
      FROM actor_sentiment_entries GROUP BY actor_id, granularity, bucket_start HAVING sum(articles) > 0`);
    await queryRunner.query(`DELETE FROM actor_sentiment_entries WHERE granularity = 'day'`);
    await queryRunner.query('UPDATE actor_sentiment_entries SET totalled = false WHERE totalled');
    await queryRunner.query(`
      INSERT INTO actor_sentiment_entries (${COLUMNS})
      SELECT actor_id, 'day', date_trunc('day', bucket_start, 'UTC'), false, sum(mentions), sum(articles), sum(positive),
             sum(neutral), sum(negative), sum(score_micros)
      FROM actor_sentiment_entries GROUP BY actor_id, date_trunc('day', bucket_start, 'UTC')
      HAVING sum(mentions) <> 0 OR sum(articles) <> 0 OR sum(positive) <> 0 OR sum(neutral) <> 0 OR sum(negative) <> 0
          OR sum(score_micros) <> 0`);
    await queryRunner.query('DELETE FROM actor_totals_by_day');
    await queryRunner.query('DROP INDEX actor_sentiment_entries_untotalled_idx');
    await queryRunner.query(
      `CREATE INDEX actor_sentiment_entries_untotalled_idx ON actor_sentiment_entries (bucket_start)
         INCLUDE (actor_id, mentions, articles, score_micros) WHERE granularity = 'day' AND NOT totalled`,
    );
  }
}
