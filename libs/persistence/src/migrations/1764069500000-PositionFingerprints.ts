import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fingerprints every stored position with the broker timestamp of the message just before it,
 * so a topic deleted and recreated under the same name is recognised even once its new log has
 * grown past the stored offset (kafkajs exposes no topic ids). Existing rows get one with their
 * next batch.
 */
export class PositionFingerprints1764069500000 implements MigrationInterface {
  name = 'PositionFingerprints1764069500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE consumer_positions ADD COLUMN last_timestamp bigint');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE consumer_positions DROP COLUMN last_timestamp');
  }
}
