import { Column, Entity, Generated, Index, PrimaryColumn, Unique } from 'typeorm';

export type AlertDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** At most one alert per subscription and statement cluster, ever: the unique key enforces it. */
@Entity({ name: 'alerts' })
@Unique('alerts_subscription_cluster_key', ['subscriptionId', 'clusterId'])
@Index('alerts_pending_idx', ['nextAttemptAt'], { where: "status = 'pending'" })
@Index('alerts_seq_idx', ['seq'], { unique: true })
@Index('alerts_subscription_seq_idx', ['subscriptionId', 'seq'])
@Index('alerts_tenant_seq_idx', ['tenant', 'seq'])
@Index('alerts_tenant_stream_idx', ['tenant', 'xactId', 'seq'])
export class AlertEntity {
  @PrimaryColumn('text') id!: string;
  @Column('uuid', { name: 'subscription_id' }) subscriptionId!: string;
  /** Copied from the subscription when raised: only keys of this tenant see the alert. */
  @Column('text', { default: 'default' }) tenant!: string;
  @Column('text', { name: 'cluster_id' }) clusterId!: string;
  @Column('text', { name: 'actor_id' }) actorId!: string;
  @Column('text', { name: 'actor_name' }) actorName!: string;
  @Column('text', { name: 'statement_id' }) statementId!: string;
  @Column('text', { name: 'statement_text' }) statementText!: string;
  @Column('text', { name: 'article_id' }) articleId!: string;
  @Column('text', { name: 'article_url', nullable: true }) articleUrl!: string | null;
  @Column('text', { nullable: true }) outlet!: string | null;
  @Column('text', { default: 'pending' }) status!: AlertDeliveryStatus;
  @Column('int', { default: 0 }) attempts!: number;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt!: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt!: Date | null;
  /** `bigserial`: raise order. A bigint, so a string here. */
  @Column('bigint')
  @Generated('increment')
  seq!: string;
  /** The inserting transaction's id: the live stream reads in (`xact_id`, `seq`) order (migration StreamCommitOrder). */
  @Column('bigint', { name: 'xact_id', default: () => 'current_xact_id_bigint()', select: false })
  xactId!: string;
  @Column('text', { name: 'statement_kind', default: 'direct' }) statementKind!: 'direct' | 'indirect';
  @Column('timestamptz', { name: 'raised_published_at', nullable: true }) raisedPublishedAt!: Date | null;
}
