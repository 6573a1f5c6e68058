import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `subscriptions_actor_keys_idx` is a GIN index (`USING gin (actor_keys)`): `@Index` cannot say
 * which access method, so it is declared for the record only and the schema builder leaves it alone.
 */
@Entity({ name: 'subscriptions' })
@Index('subscriptions_actor_keys_idx', { synchronize: false })
@Index('subscriptions_tenant_idx', ['tenant', 'createdAt'])
export class SubscriptionEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Names or ids exactly as the subscriber gave them. */
  @Column('text', { array: true }) actors!: string[];
  /** Normalised keys matched against statement speakers (actor ids and folded names). */
  @Column('text', { name: 'actor_keys', array: true }) actorKeys!: string[];
  @Column('text', { array: true, default: () => "'{direct}'" }) kinds!: string[];
  /** Null for a `stream` subscription. */
  @Column('text', { name: 'webhook_url', nullable: true }) webhookUrl!: string | null;
  @Column('text', { nullable: true }) secret!: string | null;
  /** The secret a rotation replaced; it also signs deliveries until `previousSecretExpiresAt`. */
  @Column('text', { name: 'previous_secret', nullable: true }) previousSecret!: string | null;
  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true }) previousSecretExpiresAt!: Date | null;
  /** The tenant of the API key that created it; other tenants' keys cannot see it. */
  @Column('text', { default: 'default' }) tenant!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('text', { default: 'webhook' }) channel!: 'webhook' | 'stream';
  @Column('jsonb', { default: () => "'{}'" }) rule!: Record<string, unknown>;
  @Column('timestamptz', { name: 'updated_at', nullable: true }) updatedAt!: Date | null;
}
