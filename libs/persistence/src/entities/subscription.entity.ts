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
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
