import { MigrationInterface, QueryRunner } from 'typeorm';

const SUMS = `sum(mentions)::int AS mentions, sum(articles)::int AS articles, sum(positive)::int AS positive,
         sum(neutral)::int AS neutral, sum(negative)::int AS negative, sum(score_micros)::bigint AS score_micros,
         round(sum(score_micros)::numeric / sum(articles) / 1000000, 6)::numeric(8, 6) AS mean_score`;

/**
 * `actor_sentiment` becomes a view over an append-only ledger, `actor_sentiment_entries`: each
 * projector batch appends one row per actor and hour it changed (negative for removed
 * articles) instead of upserting hour and day rows, which made every batch wait on the rows
 * of popular actors. The view sums hours and days; the project service compacts each hour's
 * entries into one row. The existing hour buckets become the first entries. (The view's SQL
 * here is this migration's own; later ones may change it, the projection catalog holds the live one.)
 */
export class SentimentEntries1764054000000 implements MigrationInterface {
  name = 'SentimentEntries1764054000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE actor_sentiment_entries (
        entry_id bigint GENERATED ALWAYS AS IDENTITY,
        actor_id text NOT NULL,
        bucket_start timestamptz NOT NULL,
        mentions int NOT NULL,
        articles int NOT NULL,
        positive int NOT NULL,
        neutral int NOT NULL,
        negative int NOT NULL,
        score_micros bigint NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX actor_sentiment_entries_bucket_idx ON actor_sentiment_entries (actor_id, bucket_start)`,
    );
    // Entries are appended in id order, so a block-range index finds the newest ones for a compaction round.
    await queryRunner.query(`CREATE INDEX actor_sentiment_entries_entry_idx ON actor_sentiment_entries USING brin (entry_id)`);
    await queryRunner.query(`
      CREATE TABLE actor_sentiment_compaction (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        compacted_through bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`
      INSERT INTO actor_sentiment_entries (actor_id, bucket_start, mentions, articles, positive, neutral, negative, score_micros)
      SELECT actor_id, bucket_start, mentions, articles, positive, neutral, negative, score_micros
      FROM actor_sentiment WHERE granularity = 'hour' ORDER BY actor_id, bucket_start`);
    await queryRunner.query(`DROP TABLE actor_sentiment`);
    await queryRunner.query(`
      CREATE VIEW actor_sentiment AS
      SELECT actor_id, 'hour'::text AS granularity, bucket_start, ${SUMS}
        FROM actor_sentiment_entries GROUP BY actor_id, bucket_start HAVING sum(articles) > 0
      UNION ALL
      SELECT actor_id, 'day'::text, date_trunc('day', bucket_start, 'UTC'), ${SUMS}
        FROM actor_sentiment_entries GROUP BY actor_id, date_trunc('day', bucket_start, 'UTC') HAVING sum(articles) > 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE actor_sentiment_buckets AS SELECT * FROM actor_sentiment`);
    await queryRunner.query(`DROP VIEW actor_sentiment`);
    await queryRunner.query(`DROP TABLE actor_sentiment_compaction`);
    await queryRunner.query(`DROP TABLE actor_sentiment_entries`);
    await queryRunner.query(`ALTER TABLE actor_sentiment_buckets RENAME TO actor_sentiment`);
    await queryRunner.query(`
      ALTER TABLE actor_sentiment
        ALTER COLUMN actor_id SET NOT NULL, ALTER COLUMN granularity SET NOT NULL, ALTER COLUMN bucket_start SET NOT NULL,
        ALTER COLUMN mentions SET NOT NULL, ALTER COLUMN articles SET NOT NULL, ALTER COLUMN positive SET NOT NULL,
        ALTER COLUMN neutral SET NOT NULL, ALTER COLUMN negative SET NOT NULL, ALTER COLUMN score_micros SET NOT NULL,
        ADD CHECK (granularity IN ('hour', 'day')),
        ADD PRIMARY KEY (actor_id, granularity, bucket_start)`);
  }
}
