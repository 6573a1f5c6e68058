import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ledger round reads only what batches wrote since the last round, found through a B-tree on the writing
 * transaction's id (`xact`), not by scanning history:
 * - `actor_sentiment_entries`: the BRIN index on `xact` becomes a B-tree. A BRIN index only narrows the page ranges it
 *   has summarized, and only vacuum (or a call) summarizes new ones: with autovacuum off, or between its runs, every
 *   round's window was a scan of the whole ledger (a 100,000-article store: 650,000 rows read for 20,000 wanted).
 * - `actor_pair_vectors`: change rows keep their writer's `xact` too (rows from before this get 0), with a partial
 *   B-tree over the change rows; the packing round probes only the weeks a change row was added to since its mark,
 *   `actor_pair_compaction.merged_below` (the unused `compacted_through`, reset: 0 probes every change row once).
 *   Before, it grouped every change row ever written, and most weeks never pile up enough to be merged, so that
 *   grew with history.
 */
export class LedgerRoundWindows1764073400000 implements MigrationInterface {
  name = 'LedgerRoundWindows1764073400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX actor_sentiment_entries_xact_idx');
    await queryRunner.query('CREATE INDEX actor_sentiment_entries_xact_idx ON actor_sentiment_entries (xact)');
    await queryRunner.query('ALTER TABLE actor_pair_vectors ADD COLUMN xact bigint NOT NULL DEFAULT 0');
    await queryRunner.query('ALTER TABLE actor_pair_vectors ALTER COLUMN xact SET DEFAULT txid_current()');
    await queryRunner.query('CREATE INDEX actor_pair_vectors_xact_idx ON actor_pair_vectors (xact) WHERE part <> 0');
    await queryRunner.query('ALTER TABLE actor_pair_compaction RENAME COLUMN compacted_through TO merged_below');
    await queryRunner.query('UPDATE actor_pair_compaction SET merged_below = 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE actor_pair_compaction RENAME COLUMN merged_below TO compacted_through');
    await queryRunner.query('UPDATE actor_pair_compaction SET compacted_through = 0');
    await queryRunner.query('DROP INDEX actor_pair_vectors_xact_idx');
    await queryRunner.query('ALTER TABLE actor_pair_vectors DROP COLUMN xact');
    await queryRunner.query('DROP INDEX actor_sentiment_entries_xact_idx');
    await queryRunner.query('CREATE INDEX actor_sentiment_entries_xact_idx ON actor_sentiment_entries USING brin (xact)');
  }
}
