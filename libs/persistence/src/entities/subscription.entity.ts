import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'subscriptions' })
export class SubscriptionEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Names or ids exactly as the subscriber gave them. */
  @Column('text', { array: true }) actors!: string[];
  /** Normalised keys matched against statement speakers (actor ids and folded names). */
  @Column('text', { name: 'actor_keys', array: true }) actorKeys!: string[];
  @Column('text', { array: true, default: () => "'{direct}'" }) kinds!: string[];
  @Column('text', { name: 'webhook_url' }) webhookUrl!: string;
  @Column('text', { nullable: true }) secret!: string | null;
  /** The secret a rotation replaced; it also signs deliveries until `previousSecretExpiresAt`. */
  @Column('text', { name: 'previous_secret', nullable: true }) previousSecret!: string | null;
  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true }) previousSecretExpiresAt!: Date | null;
  /** The tenant of the API key that created it; other tenants' keys cannot see it. */
  @Column('text', { default: 'default' }) tenant!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
