import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where a consumer is in a partition, written in the same transaction as the consumer's
 * read-model changes: the database, not Kafka, is the authority on what was applied.
 */
@Entity({ name: 'consumer_positions' })
export class ConsumerPositionEntity {
  @PrimaryColumn('text') consumer!: string;
  @PrimaryColumn('text') topic!: string;
  @PrimaryColumn('int') partition!: number;
  @Column('bigint', { name: 'next_offset' }) nextOffset!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  /** The Kafka cluster the position belongs to (null until first written by a cluster-aware consumer). */
  @Column('text', { name: 'cluster_id', nullable: true }) clusterId!: string | null;
  /**
   * Broker timestamp (ms) of the message at `next_offset − 1`: with the offset, a fingerprint of
   * the log, so a recreated topic of the same name is recognised (null until the next batch).
   */
  @Column('bigint', { name: 'last_timestamp', nullable: true }) lastTimestamp!: string | null;
}
