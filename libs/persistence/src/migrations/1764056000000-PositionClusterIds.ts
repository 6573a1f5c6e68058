import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Binds every stored position to the Kafka cluster it was read from, so a position is never
 * applied to another cluster's log (a reset or replaced broker, a second clone sharing the
 * database). Existing rows get the id of the first cluster that reads them again.
 */
export class PositionClusterIds1764056000000 implements MigrationInterface {
  name = 'PositionClusterIds1764056000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE consumer_positions ADD COLUMN cluster_id text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE consumer_positions DROP COLUMN cluster_id');
  }
}
