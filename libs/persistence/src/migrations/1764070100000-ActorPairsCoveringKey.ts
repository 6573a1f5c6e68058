import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `actor_pairs`' primary key carries `articles` (INCLUDE), so "related to X in a window" is an
 * index-only range of (actor_id, day) instead of a bitmap scan visiting a heap page per few rows
 * (issue 12: 50k pairs of a popular actor in a month). A key that includes `articles` makes the
 * count's updates non-HOT; one index that serves both the upsert and the read is cheaper than
 * a second, covering one.
 */
export class ActorPairsCoveringKey1764070100000 implements MigrationInterface {
  name = 'ActorPairsCoveringKey1764070100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE actor_pairs DROP CONSTRAINT actor_pairs_pkey,
        ADD CONSTRAINT actor_pairs_pkey PRIMARY KEY (actor_id, day, other_actor_id) INCLUDE (articles)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE actor_pairs DROP CONSTRAINT actor_pairs_pkey,
        ADD CONSTRAINT actor_pairs_pkey PRIMARY KEY (actor_id, day, other_actor_id)`);
  }
}
