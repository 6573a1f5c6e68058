import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys (stored as the SHA-256 of their secret, found by a public prefix) and the tenant that
 * owns each subscription and alert. Alerts carry their own copy so a deleted subscription's
 * delivered alerts stay visible to its tenant (and only to it). Existing rows belong to the
 * default tenant.
 */
export class ApiKeysAndTenants1764058000000 implements MigrationInterface {
  name = 'ApiKeysAndTenants1764058000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        prefix text NOT NULL UNIQUE CHECK (prefix ~ '^[0-9a-f]{12}$'),
        secret_hash text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0
          AND scopes <@ ARRAY['read', 'ingest', 'subscriptions', 'admin', 'metrics']::text[]),
        tenant text NOT NULL CHECK (tenant ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    await queryRunner.query(`ALTER TABLE subscriptions ADD COLUMN tenant text NOT NULL DEFAULT 'default'`);
    await queryRunner.query('CREATE INDEX subscriptions_tenant_idx ON subscriptions (tenant, created_at)');
    await queryRunner.query(`ALTER TABLE alerts ADD COLUMN tenant text NOT NULL DEFAULT 'default'`);
    await queryRunner.query('CREATE INDEX alerts_tenant_seq_idx ON alerts (tenant, seq)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX alerts_tenant_seq_idx');
    await queryRunner.query('ALTER TABLE alerts DROP COLUMN tenant');
    await queryRunner.query('DROP INDEX subscriptions_tenant_idx');
    await queryRunner.query('ALTER TABLE subscriptions DROP COLUMN tenant');
    await queryRunner.query('DROP TABLE api_keys');
  }
}
