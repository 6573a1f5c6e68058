import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feed sources say more about how their polls end: `deferred` while a server's Retry-After lasts
 * (neither healthy nor failing; `last_error` holds the server's answer), and a count of entries
 * taken without their page's text or skipped, with the last such reason, so an entry problem is
 * visible without failing the whole source.
 */
export class FeedSourceOutcomes1764067000000 implements MigrationInterface {
  name = 'FeedSourceOutcomes1764067000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE feed_sources DROP CONSTRAINT feed_sources_status_check');
    await queryRunner.query(
      `ALTER TABLE feed_sources ADD CONSTRAINT feed_sources_status_check CHECK (status IN ('active', 'failing', 'deferred', 'paused'))`,
    );
    await queryRunner.query(`
      ALTER TABLE feed_sources
        ADD COLUMN entry_problems bigint NOT NULL DEFAULT 0,
        ADD COLUMN last_entry_problem text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE feed_sources DROP COLUMN last_entry_problem, DROP COLUMN entry_problems');
    await queryRunner.query(`UPDATE feed_sources SET status = 'active' WHERE status = 'deferred'`);
    await queryRunner.query('ALTER TABLE feed_sources DROP CONSTRAINT feed_sources_status_check');
    await queryRunner.query(
      `ALTER TABLE feed_sources ADD CONSTRAINT feed_sources_status_check CHECK (status IN ('active', 'failing', 'paused'))`,
    );
  }
}
