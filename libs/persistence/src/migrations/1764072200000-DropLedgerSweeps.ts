import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledgers' sweep (migration LedgerSweeps) is gone: packed weeks replaced compaction and the sweep for
 * co-mentions, and the sentiment ledger's rounds fold every touched key, which leaves nothing to sweep.
 */
export class DropLedgerSweeps1764072200000 implements MigrationInterface {
  name = 'DropLedgerSweeps1764072200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['actor_sentiment_compaction', 'actor_pair_compaction']) {
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN swept_through`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['actor_sentiment_compaction', 'actor_pair_compaction']) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN swept_through bigint NOT NULL DEFAULT 0`);
    }
  }
}
