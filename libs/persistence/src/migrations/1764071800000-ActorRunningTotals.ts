import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trends by day read running totals (issue 12: `/v1/trends` over a week summed an index entry per actor and day,
 * some 42,000 on 100,000 articles, 16–18 ms alone and 120–164 ms p95 at 8 requests in flight):
 * - `actor_keys`: a dense integer key per actor, its slot in a packed vector;
 * - `actor_totals_by_day`: per UTC day, every actor's sums over the day entries of all days before it, packed in
 *   one `bytea` and stored uncompressed out of line (`STORAGE EXTERNAL`), since reading it is the point; a
 *   window's sums are the difference of two rows, whatever its length;
 * - `actor_sentiment_entries.totalled`: whether an entry's sums are in the running totals; the project service's
 *   worker flags day entries and adds them to the totals in one transaction, and a partial index keeps the
 *   unflagged day entries, which trends read beside the totals, one short range;
 * - `actor_sentiment_entries_start_idx` keeps hour entries only: day entries are read by window through the totals
 *   and the partial index now, so each entry is still inserted into one index of starts, not two.
 * The existing day entries start unflagged: reads stay exact while the worker moves them in.
 */
export class ActorRunningTotals1764071800000 implements MigrationInterface {
  name = 'ActorRunningTotals1764071800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE actor_sentiment_entries ADD COLUMN totalled boolean NOT NULL DEFAULT false');
    await queryRunner.query(
      `CREATE INDEX actor_sentiment_entries_untotalled_idx ON actor_sentiment_entries (bucket_start)
         INCLUDE (actor_id, mentions, articles, score_micros) WHERE granularity = 'day' AND NOT totalled`,
    );
    await queryRunner.query('DROP INDEX actor_sentiment_entries_start_idx');
    await queryRunner.query(
      `CREATE INDEX actor_sentiment_entries_start_idx ON actor_sentiment_entries (bucket_start)
         INCLUDE (actor_id, mentions, articles, score_micros) WHERE granularity = 'hour'`,
    );
    await queryRunner.query(
      `CREATE TABLE actor_keys (
         key integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         actor_id text NOT NULL CONSTRAINT actor_keys_actor_id_unique UNIQUE)`,
    );
    await queryRunner.query(`CREATE TABLE actor_totals_by_day (day timestamptz PRIMARY KEY, totals bytea NOT NULL)`);
    await queryRunner.query('ALTER TABLE actor_totals_by_day ALTER COLUMN totals SET STORAGE EXTERNAL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE actor_totals_by_day');
    await queryRunner.query('DROP TABLE actor_keys');
    await queryRunner.query('DROP INDEX actor_sentiment_entries_untotalled_idx');
    await queryRunner.query('DROP INDEX actor_sentiment_entries_start_idx');
    await queryRunner.query(
      `CREATE INDEX actor_sentiment_entries_start_idx ON actor_sentiment_entries (granularity, bucket_start)
         INCLUDE (actor_id, mentions, articles, score_micros)`,
    );
    await queryRunner.query('ALTER TABLE actor_sentiment_entries DROP COLUMN totalled');
  }
}
