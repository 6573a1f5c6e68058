import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which version of each projection is live, and the progress of rebuilds into shadow schemas. */
export class ProjectionVersions1764048000000 implements MigrationInterface {
  name = 'ProjectionVersions1764048000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_versions (
        name text NOT NULL,
        version int NOT NULL,
        status text NOT NULL,
        consumer text NOT NULL,
        shadow_schema text,
        events_total bigint,
        events_done bigint NOT NULL DEFAULT 0,
        error text,
        started_at timestamptz NOT NULL,
        activated_at timestamptz,
        PRIMARY KEY (name, version)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX projection_versions_one_live ON projection_versions (name) WHERE status = 'live'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX projection_versions_one_building ON projection_versions (name) WHERE status = 'building'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS projection_versions');
  }
}
