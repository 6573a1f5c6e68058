import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook secret rotation: a replaced secret keeps signing deliveries (a second `v1,` signature in
 * `webhook-signature`) until `previous_secret_expires_at`, so subscribers can switch without a gap.
 */
export class WebhookSecretRotation1764060000000 implements MigrationInterface {
  name = 'WebhookSecretRotation1764060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE subscriptions ADD COLUMN previous_secret text NULL, ADD COLUMN previous_secret_expires_at timestamptz NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE subscriptions DROP COLUMN previous_secret_expires_at, DROP COLUMN previous_secret');
  }
}
