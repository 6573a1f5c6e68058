import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops `actors_name_lower_idx`: every actors upsert of the projection maintains it, and no query
 * can use it (actor search matches `ILIKE '%…%'` on name and aliases, which a btree on
 * `lower(name) text_pattern_ops` does not serve; it only helps left-anchored patterns).
 */
export class ProjectionWritePath1764052000000 implements MigrationInterface {
  name = 'ProjectionWritePath1764052000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS actors_name_lower_idx`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS actors_name_lower_idx ON actors (lower(name) text_pattern_ops)`);
  }
}
