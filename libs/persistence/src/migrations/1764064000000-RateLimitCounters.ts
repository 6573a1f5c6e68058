import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request counters shared by every API and ingest replica: one row per (throttler, key) holding
 * the hits of its current window, so a key's budget is the same whichever replica it reaches.
 * Rows are disposable: a lost row only gives its key a fresh window.
 */
export class RateLimitCounters1764064000000 implements MigrationInterface {
  name = 'RateLimitCounters1764064000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Unlogged: counters are hot and worthless after a crash, so they skip the WAL.
    await queryRunner.query(`
      CREATE UNLOGGED TABLE rate_limit_hits (
        throttler text NOT NULL,
        key text NOT NULL,
        hits integer NOT NULL,
        window_ends_at timestamptz NOT NULL,
        blocked_until timestamptz,
        PRIMARY KEY (throttler, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rate_limit_hits');
  }
}
