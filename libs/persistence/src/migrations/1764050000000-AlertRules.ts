import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscription rules and channels, novelty clusters of statements, and what alerts need for
 * delivery state and the live stream (a monotonic `seq` for Last-Event-ID).
 */
export class AlertRules1764050000000 implements MigrationInterface {
  name = 'AlertRules1764050000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subscriptions ALTER COLUMN webhook_url DROP NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE subscriptions
        ADD COLUMN channel text NOT NULL DEFAULT 'webhook',
        ADD COLUMN rule jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN updated_at timestamptz`);
    // One row per (actor, near-duplicate group of statements). `shingles` are hashed word
    // 3-grams (see libs/domain novelty.ts); the GIN index finds candidate clusters sharing any.
    await queryRunner.query(`
      CREATE TABLE novelty_clusters (
        id text PRIMARY KEY,
        actor_id text NOT NULL,
        text text NOT NULL,
        shingles int4[] NOT NULL,
        first_statement_id text NOT NULL,
        first_article_id text NOT NULL,
        first_article_url text,
        first_outlet text,
        first_said_at timestamptz NOT NULL,
        opened_at timestamptz NOT NULL,
        statement_count int NOT NULL DEFAULT 1,
        article_count int NOT NULL DEFAULT 1,
        outlet_count int NOT NULL DEFAULT 0,
        outlets text[] NOT NULL DEFAULT '{}',
        last_seen_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX novelty_clusters_actor_idx ON novelty_clusters (actor_id, opened_at)`);
    await queryRunner.query(`CREATE INDEX novelty_clusters_shingles_idx ON novelty_clusters USING gin (shingles)`);
    await queryRunner.query(`
      CREATE TABLE novelty_cluster_members (
        statement_id text PRIMARY KEY,
        cluster_id text NOT NULL REFERENCES novelty_clusters (id) ON DELETE CASCADE,
        article_id text NOT NULL,
        outlet text,
        similarity real NOT NULL,
        said_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX novelty_cluster_members_cluster_idx ON novelty_cluster_members (cluster_id)`);
    await queryRunner.query(`
      ALTER TABLE alerts
        ADD COLUMN seq bigserial,
        ADD COLUMN statement_kind text NOT NULL DEFAULT 'direct',
        ADD COLUMN raised_published_at timestamptz`);
    await queryRunner.query(`CREATE UNIQUE INDEX alerts_seq_idx ON alerts (seq)`);
    await queryRunner.query(`CREATE INDEX alerts_subscription_seq_idx ON alerts (subscription_id, seq)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS alerts_subscription_seq_idx`);
    await queryRunner.query(`DROP INDEX IF EXISTS alerts_seq_idx`);
    await queryRunner.query(
      `ALTER TABLE alerts DROP COLUMN IF EXISTS raised_published_at, DROP COLUMN IF EXISTS statement_kind, DROP COLUMN IF EXISTS seq`,
    );
    await queryRunner.query(`DROP TABLE IF EXISTS novelty_cluster_members`);
    await queryRunner.query(`DROP TABLE IF EXISTS novelty_clusters`);
    await queryRunner.query(`DELETE FROM subscriptions WHERE webhook_url IS NULL`);
    await queryRunner.query(
      `ALTER TABLE subscriptions DROP COLUMN IF EXISTS updated_at, DROP COLUMN IF EXISTS rule, DROP COLUMN IF EXISTS channel`,
    );
    await queryRunner.query(`ALTER TABLE subscriptions ALTER COLUMN webhook_url SET NOT NULL`);
  }
}
