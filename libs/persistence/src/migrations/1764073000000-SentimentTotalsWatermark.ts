import { MigrationInterface, QueryRunner } from 'typeorm';

const SUMS = `sum(mentions)::int AS mentions, sum(articles)::int AS articles, sum(positive)::int AS positive,
         sum(neutral)::int AS neutral, sum(negative)::int AS negative, sum(score_micros)::bigint AS score_micros,
         round(sum(score_micros)::numeric / sum(articles) / 1000000, 6)::numeric(8, 6) AS mean_score`;

const ENTRY = 'actor_id, bucket_start, mentions, articles, positive, neutral, negative, score_micros';

/**
 * Which sentiment entries are in the running totals is told by the transaction that wrote them, not by a flag the
 * rounds rewrite: each entry keeps its writer's transaction id (`xact`), and the ledger's compaction row the id below
 * which every entry is in the totals (`totalled_below`, the `compacted_through` column no round used). A round adds
 * the entries from that id up to the oldest transaction still running and moves the id there, writing no entry.
 * - entries in the totals (flagged) get `xact` 0, and the others 1, with the mark at 1, so the next round adds them;
 * - flagged day rows go: a day is the sum of its hour entries, which a flagged day row always equalled (a round
 *   wrote both from the same entries);
 * - the flag, its partial index and the day granularity go; a BRIN index on `xact` finds the entries a round adds;
 * - the `actor_sentiment` view sums each hour and each day from the hour entries.
 * (The view's SQL here is this migration's own; the projection catalog holds the live one.)
 */
export class SentimentTotalsWatermark1764073000000 implements MigrationInterface {
  name = 'SentimentTotalsWatermark1764073000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP VIEW actor_sentiment');
    await queryRunner.query('ALTER TABLE actor_sentiment_entries ADD COLUMN xact bigint NOT NULL DEFAULT 0');
    await queryRunner.query('UPDATE actor_sentiment_entries SET xact = 1 WHERE NOT totalled');
    await queryRunner.query(`DELETE FROM actor_sentiment_entries WHERE granularity = 'day'`);
    await queryRunner.query('ALTER TABLE actor_sentiment_compaction RENAME COLUMN compacted_through TO totalled_below');
    // The mark at 1 where there are entries (a store without any keeps no row, as a new one: the first round makes it).
    await queryRunner.query(
      `INSERT INTO actor_sentiment_compaction (singleton, totalled_below)
       SELECT true, 1 WHERE EXISTS (SELECT FROM actor_sentiment_entries)
       ON CONFLICT (singleton) DO UPDATE SET totalled_below = 1`,
    );
    await queryRunner.query('DROP INDEX actor_sentiment_entries_untotalled_idx');
    await queryRunner.query('ALTER TABLE actor_sentiment_entries DROP COLUMN totalled');
    await queryRunner.query('ALTER TABLE actor_sentiment_entries ALTER COLUMN xact SET DEFAULT txid_current()');
    await queryRunner.query('CREATE INDEX actor_sentiment_entries_xact_idx ON actor_sentiment_entries USING brin (xact)');
    await queryRunner.query('ALTER TABLE actor_sentiment_entries DROP CONSTRAINT actor_sentiment_entries_granularity_check');
    await queryRunner.query(
      `ALTER TABLE actor_sentiment_entries ADD CONSTRAINT actor_sentiment_entries_granularity_check CHECK (granularity = 'hour')`,
    );
    await queryRunner.query(`
      CREATE VIEW actor_sentiment AS
      SELECT actor_id, granularity, bucket_start, ${SUMS}
      FROM (SELECT actor_id, 'hour' AS granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros
            FROM actor_sentiment_entries
            UNION ALL
            SELECT actor_id, 'day', date_trunc('day', bucket_start, 'UTC'), mentions, articles, positive, neutral,
                   negative, score_micros
            FROM actor_sentiment_entries) e
      GROUP BY actor_id, granularity, bucket_start HAVING sum(articles) > 0`);
  }

  /**
   * Back to flags: entries below the mark flagged, and each day's flagged hours summed into its flagged day row, as
   * that version's rounds leave them; the others unflagged, for that version's rounds to add.
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP VIEW actor_sentiment');
    await queryRunner.query('DROP INDEX actor_sentiment_entries_xact_idx');
    await queryRunner.query('ALTER TABLE actor_sentiment_entries DROP CONSTRAINT actor_sentiment_entries_granularity_check');
    await queryRunner.query(
      `ALTER TABLE actor_sentiment_entries ADD CONSTRAINT actor_sentiment_entries_granularity_check
         CHECK (granularity IN ('hour', 'day'))`,
    );
    await queryRunner.query('ALTER TABLE actor_sentiment_entries ADD COLUMN totalled boolean NOT NULL DEFAULT false');
    await queryRunner.query(
      `UPDATE actor_sentiment_entries SET totalled = true
       WHERE xact < coalesce((SELECT totalled_below FROM actor_sentiment_compaction), 0)`,
    );
    await queryRunner.query(`
      INSERT INTO actor_sentiment_entries (granularity, totalled, ${ENTRY})
      SELECT 'day', true, actor_id, date_trunc('day', bucket_start, 'UTC'), sum(mentions), sum(articles), sum(positive),
             sum(neutral), sum(negative), sum(score_micros)
      FROM actor_sentiment_entries WHERE totalled GROUP BY actor_id, date_trunc('day', bucket_start, 'UTC')
      HAVING sum(mentions) <> 0 OR sum(articles) <> 0 OR sum(positive) <> 0 OR sum(neutral) <> 0 OR sum(negative) <> 0
          OR sum(score_micros) <> 0`);
    await queryRunner.query('ALTER TABLE actor_sentiment_entries DROP COLUMN xact');
    await queryRunner.query('ALTER TABLE actor_sentiment_compaction RENAME COLUMN totalled_below TO compacted_through');
    await queryRunner.query('UPDATE actor_sentiment_compaction SET compacted_through = 0');
    await queryRunner.query(
      `CREATE INDEX actor_sentiment_entries_untotalled_idx ON actor_sentiment_entries (bucket_start)
         INCLUDE (actor_id, mentions, articles, score_micros) WHERE granularity = 'hour' AND NOT totalled`,
    );
    await queryRunner.query(`
      CREATE VIEW actor_sentiment AS
      SELECT actor_id, granularity, bucket_start, ${SUMS}
      FROM (SELECT actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros
            FROM actor_sentiment_entries
            UNION ALL
            SELECT actor_id, 'day', date_trunc('day', bucket_start, 'UTC'), mentions, articles, positive, neutral,
                   negative, score_micros
            FROM actor_sentiment_entries WHERE granularity = 'hour' AND NOT totalled) e
      GROUP BY actor_id, granularity, bucket_start HAVING sum(articles) > 0`);
  }
}
