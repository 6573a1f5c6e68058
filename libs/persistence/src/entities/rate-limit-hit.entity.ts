import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One throttler's hits for one key in its current window. The table is UNLOGGED (counters skip
 * the WAL and are worthless after a crash), which `@Entity` cannot say; the schema builder does
 * not look at persistence, so it neither sees nor changes it.
 */
@Entity({ name: 'rate_limit_hits' })
export class RateLimitHitEntity {
  @PrimaryColumn('text') throttler!: string;
  @PrimaryColumn('text') key!: string;
  @Column('integer') hits!: number;
  @Column('timestamptz', { name: 'window_ends_at' }) windowEndsAt!: Date;
  @Column('timestamptz', { name: 'blocked_until', nullable: true }) blockedUntil!: Date | null;
}
