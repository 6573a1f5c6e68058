import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feed sources the feeds service polls, and the entries it has submitted per source. A replica
 * claims due sources (`claimed_by`, `claimed_until`) with `FOR UPDATE SKIP LOCKED`, so two
 * replicas never poll one source at once; an expired claim (a crashed replica) is claimable again.
 */
export class FeedSources1764066000000 implements MigrationInterface {
  name = 'FeedSources1764066000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE feed_sources (
        id uuid PRIMARY KEY,
        url text NOT NULL UNIQUE,
        outlet text,
        interval_seconds integer NOT NULL CHECK (interval_seconds > 0),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'failing', 'paused')),
        etag text,
        last_modified text,
        next_poll_at timestamptz NOT NULL DEFAULT now(),
        claimed_by text,
        claimed_until timestamptz,
        last_polled_at timestamptz,
        last_new_entry_at timestamptz,
        entries_seen bigint NOT NULL DEFAULT 0,
        consecutive_failures integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // What claimDue scans: unpaused sources by due time.
    await queryRunner.query(`CREATE INDEX feed_sources_due ON feed_sources (next_poll_at) WHERE status <> 'paused'`);
    await queryRunner.query(`
      CREATE TABLE feed_entries_seen (
        source_id uuid NOT NULL REFERENCES feed_sources (id) ON DELETE CASCADE,
        guid text NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source_id, guid)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE feed_entries_seen');
    await queryRunner.query('DROP TABLE feed_sources');
  }
}
