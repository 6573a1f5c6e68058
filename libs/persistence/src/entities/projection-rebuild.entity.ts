import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A rebuild request and its audit trail. Two indexes are beyond `@Index` and declared for the
 * record only (the schema builder leaves them alone): `projection_rebuilds_one_unfinished` is a
 * unique index on the expression `(finished_at IS NULL)` WHERE finished_at IS NULL (one
 * unfinished rebuild at all), and `projection_rebuilds_requested_at` is on `requested_at DESC`.
 */
@Entity({ name: 'projection_rebuilds' })
@Index('projection_rebuilds_one_unfinished', { synchronize: false })
@Index('projection_rebuilds_requested_at', { synchronize: false })
@Check('projection_rebuilds_outcome_check', "outcome IN ('succeeded', 'failed')")
@Check('projection_rebuilds_check', '(finished_at IS NULL) = (outcome IS NULL)')
export class ProjectionRebuildEntity {
  /** `DEFAULT gen_random_uuid()`, which TypeORM reads as a generated uuid. */
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') projection!: string;
  @Column('text', { name: 'requested_by' }) requestedBy!: string;
  @Column('text', { name: 'requested_by_key', nullable: true }) requestedByKey!: string | null;
  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' }) requestedAt!: Date;
  @Column('text', { name: 'claimed_by', nullable: true }) claimedBy!: string | null;
  @Column('timestamptz', { name: 'heartbeat_at', nullable: true }) heartbeatAt!: Date | null;
  @Column('int', { default: 0 }) attempts!: number;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @Column('int', { nullable: true }) version!: number | null;
  @Column('text', { nullable: true }) outcome!: 'succeeded' | 'failed' | null;
  @Column('text', { nullable: true }) error!: string | null;
}
