import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projector batches add their co-mentions to the packed weeks as change rows (`part` <> 0) instead of one ledger entry
 * per ordered pair (an article with n actors wrote n(n-1) entries): the packing round finds the weeks whose change
 * rows have piled up through this index, which holds change rows only (merged and derived rows are `part` 0). The
 * ledger stays for the entries written before this, which rounds still pack.
 */
export class PairChangeRows1764072400000 implements MigrationInterface {
  name = 'PairChangeRows1764072400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX actor_pair_vectors_changes ON actor_pair_vectors (actor_id, week) WHERE part <> 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX actor_pair_vectors_changes');
  }
}
