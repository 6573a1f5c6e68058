import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rebuild requests and their audit trail: who asked (the API key), which replica of the project
 * service carried it out, when, and how it ended. The partial unique index allows one unfinished
 * rebuild at all, not one per projection: a rebuild re-reads the whole log with a second
 * projector and derives every aggregate, so two at once would double that load on the database
 * and the broker while the live projectors serve, and the swaps would contend for table locks.
 * A replica holds its claim by renewing `heartbeat_at`; a claim whose heartbeat stopped (the
 * replica died) may be taken over by another.
 */
export class ProjectionRebuildRequests1764062000000 implements MigrationInterface {
  name = 'ProjectionRebuildRequests1764062000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_rebuilds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        projection text NOT NULL,
        requested_by text NOT NULL,
        requested_by_key text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        claimed_by text,
        heartbeat_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        started_at timestamptz,
        finished_at timestamptz,
        version int,
        outcome text CHECK (outcome IN ('succeeded', 'failed')),
        error text,
        CHECK ((finished_at IS NULL) = (outcome IS NULL))
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX projection_rebuilds_one_unfinished ON projection_rebuilds ((finished_at IS NULL)) WHERE finished_at IS NULL',
    );
    await queryRunner.query('CREATE INDEX projection_rebuilds_requested_at ON projection_rebuilds (requested_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS projection_rebuilds');
  }
}
