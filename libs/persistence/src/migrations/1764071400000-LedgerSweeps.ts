import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each ledger's sweep has got to (`sweepLedger`): the pass that folds, in quiet times, the keys the rounds
 * leave with one entry per round (a co-mention hit once in each of several rounds), so that reads of a popular
 * actor sum one row per pair. Kept beside `compacted_through` in the ledger's one-row compaction table.
 */
export class LedgerSweeps1764071400000 implements MigrationInterface {
  name = 'LedgerSweeps1764071400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['actor_sentiment_compaction', 'actor_pair_compaction']) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN swept_through bigint NOT NULL DEFAULT 0`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['actor_sentiment_compaction', 'actor_pair_compaction']) {
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN swept_through`);
    }
  }
}
