import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** An API key, stored as the SHA-256 of its secret and found by its public prefix. */
@Entity({ name: 'api_keys' })
@Unique('api_keys_prefix_key', ['prefix'])
@Check('api_keys_name_check', 'length(name) BETWEEN 1 AND 100')
@Check('api_keys_prefix_check', "prefix ~ '^[0-9a-f]{12}$'")
@Check('api_keys_secret_hash_check', "secret_hash ~ '^[0-9a-f]{64}$'")
@Check(
  'api_keys_scopes_check',
  "cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'ingest', 'subscriptions', 'admin', 'metrics']::text[]",
)
@Check('api_keys_tenant_check', "tenant ~ '^[a-z0-9][a-z0-9_-]{0,62}$'")
export class ApiKeyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') prefix!: string;
  @Column('text', { name: 'secret_hash' }) secretHash!: string;
  @Column('text', { array: true }) scopes!: string[];
  @Column('text') tenant!: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
}
