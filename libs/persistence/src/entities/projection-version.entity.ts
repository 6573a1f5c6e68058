import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ProjectionVersionStatus = 'building' | 'live' | 'failed' | 'retired';

/** Which version of each projection is live, and the progress of a rebuild into a shadow schema. */
@Entity({ name: 'projection_versions' })
@Index('projection_versions_one_live', ['name'], { unique: true, where: "status = 'live'" })
@Index('projection_versions_one_building', ['name'], { unique: true, where: "status = 'building'" })
export class ProjectionVersionEntity {
  @PrimaryColumn('text') name!: string;
  @PrimaryColumn('int') version!: number;
  @Column('text') status!: ProjectionVersionStatus;
  @Column('text') consumer!: string;
  @Column('text', { name: 'shadow_schema', nullable: true }) shadowSchema!: string | null;
  @Column('bigint', { name: 'events_total', nullable: true }) eventsTotal!: string | null;
  @Column('bigint', { name: 'events_done', default: 0 }) eventsDone!: string;
  @Column('text', { nullable: true }) error!: string | null;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'activated_at', nullable: true }) activatedAt!: Date | null;
}
