import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export type FeedSourceStatus = 'active' | 'failing' | 'deferred' | 'paused';

/** A feed the feeds service polls; a replica claims it (`claimedBy` until `claimedUntil`) to poll it. */
@Entity({ name: 'feed_sources' })
@Unique('feed_sources_url_key', ['url'])
@Index('feed_sources_due', ['nextPollAt'], { where: "status <> 'paused'" })
@Check('feed_sources_interval_seconds_check', 'interval_seconds > 0')
@Check('feed_sources_status_check', "status IN ('active', 'failing', 'deferred', 'paused')")
export class FeedSourceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') url!: string;
  @Column('text', { nullable: true }) outlet!: string | null;
  @Column('integer', { name: 'interval_seconds' }) intervalSeconds!: number;
  @Column('text', { default: 'active' }) status!: FeedSourceStatus;
  @Column('text', { nullable: true }) etag!: string | null;
  @Column('text', { name: 'last_modified', nullable: true }) lastModified!: string | null;
  @Column('timestamptz', { name: 'next_poll_at', default: () => 'now()' }) nextPollAt!: Date;
  @Column('text', { name: 'claimed_by', nullable: true }) claimedBy!: string | null;
  @Column('timestamptz', { name: 'claimed_until', nullable: true }) claimedUntil!: Date | null;
  @Column('timestamptz', { name: 'last_polled_at', nullable: true }) lastPolledAt!: Date | null;
  @Column('timestamptz', { name: 'last_new_entry_at', nullable: true }) lastNewEntryAt!: Date | null;
  @Column('bigint', { name: 'entries_seen', default: 0 }) entriesSeen!: string;
  @Column('integer', { name: 'consecutive_failures', default: 0 }) consecutiveFailures!: number;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('bigint', { name: 'entry_problems', default: 0 }) entryProblems!: string;
  @Column('text', { name: 'last_entry_problem', nullable: true }) lastEntryProblem!: string | null;
}
