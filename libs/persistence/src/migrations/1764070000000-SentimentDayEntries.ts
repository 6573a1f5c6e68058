import { MigrationInterface, QueryRunner } from 'typeorm';

const SUMS = `sum(mentions)::int AS mentions, sum(articles)::int AS articles, sum(positive)::int AS positive,
         sum(neutral)::int AS neutral, sum(negative)::int AS negative, sum(score_micros)::bigint AS score_micros,
         round(sum(score_micros)::numeric / sum(articles) / 1000000, 6)::numeric(8, 6) AS mean_score`;

/**
 * The sentiment ledger keeps day rows beside its hour rows (issue 12: `/v1/trends` over a week
 * summed every hour entry of two weeks, 300k rows on 100k articles, in seconds):
 * - `granularity` ('hour' or 'day') on every entry; the existing entries are hours, and their
 *   sums per UTC day become the first day entries;
 * - `actor_sentiment_entries_start_idx` becomes (granularity, bucket_start) INCLUDE (the columns
 *   trends sum), so a window's trends are one index-only range;
 * - the `actor_sentiment` view reads each granularity's own rows instead of summing days from hours.
 * (The view's SQL here is this migration's own; the projection catalog holds the live one.)
 */
export class SentimentDayEntries1764070000000 implements MigrationInterface {
  name = 'SentimentDayEntries1764070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP VIEW actor_sentiment');
    await queryRunner.query(`
      ALTER TABLE actor_sentiment_entries
        ADD COLUMN granularity text NOT NULL DEFAULT 'hour'
          CONSTRAINT actor_sentiment_entries_granularity_check CHECK (granularity IN ('hour', 'day'))`);
    await queryRunner.query('ALTER TABLE actor_sentiment_entries ALTER COLUMN granularity DROP DEFAULT');
    await queryRunner.query(`
      INSERT INTO actor_sentiment_entries
        (actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros)
      SELECT actor_id, 'day', date_trunc('day', bucket_start, 'UTC'), sum(mentions), sum(articles), sum(positive),
             sum(neutral), sum(negative), sum(score_micros)
      FROM actor_sentiment_entries GROUP BY actor_id, date_trunc('day', bucket_start, 'UTC')
      HAVING sum(mentions) <> 0 OR sum(articles) <> 0 OR sum(positive) <> 0 OR sum(neutral) <> 0 OR sum(negative) <> 0
          OR sum(score_micros) <> 0
      ORDER BY 1, 3`);
    await queryRunner.query('DROP INDEX actor_sentiment_entries_bucket_idx');
    await queryRunner.query(
      'CREATE INDEX actor_sentiment_entries_bucket_idx ON actor_sentiment_entries (actor_id, granularity, bucket_start)',
    );
    await queryRunner.query('DROP INDEX actor_sentiment_entries_start_idx');
    await queryRunner.query(`
      CREATE INDEX actor_sentiment_entries_start_idx ON actor_sentiment_entries (granularity, bucket_start)
        INCLUDE (actor_id, mentions, articles, score_micros)`);
    await queryRunner.query(`
      CREATE VIEW actor_sentiment AS
      SELECT actor_id, granularity, bucket_start, ${SUMS}
        FROM actor_sentiment_entries GROUP BY actor_id, granularity, bucket_start HAVING sum(articles) > 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP VIEW actor_sentiment');
    await queryRunner.query(`DELETE FROM actor_sentiment_entries WHERE granularity = 'day'`);
    await queryRunner.query('DROP INDEX actor_sentiment_entries_start_idx');
    await queryRunner.query('DROP INDEX actor_sentiment_entries_bucket_idx');
    await queryRunner.query('ALTER TABLE actor_sentiment_entries DROP COLUMN granularity');
    await queryRunner.query(
      'CREATE INDEX actor_sentiment_entries_bucket_idx ON actor_sentiment_entries (actor_id, bucket_start)',
    );
    await queryRunner.query('CREATE INDEX actor_sentiment_entries_start_idx ON actor_sentiment_entries (bucket_start)');
    await queryRunner.query(`
      CREATE VIEW actor_sentiment AS
      SELECT actor_id, 'hour'::text AS granularity, bucket_start, ${SUMS}
        FROM actor_sentiment_entries GROUP BY actor_id, bucket_start HAVING sum(articles) > 0
      UNION ALL
      SELECT actor_id, 'day'::text, date_trunc('day', bucket_start, 'UTC'), ${SUMS}
        FROM actor_sentiment_entries GROUP BY actor_id, date_trunc('day', bucket_start, 'UTC') HAVING sum(articles) > 0`);
  }
}
