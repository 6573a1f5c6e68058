import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every projector batch adds to the article counts of a few thousand (outlet, actor) pairs. With `articles` in the
 * actor index each of those updates wrote a new index entry in both indexes and a new tuple on another page; keyed by
 * actor alone, and with room left on each page, an update can stay on its page without touching an index (a
 * heap-only tuple). An actor's outlets, most articles first, are sorted from its rows instead of read in index order.
 */
export class OutletActorsHotUpdates1764072600000 implements MigrationInterface {
  name = 'OutletActorsHotUpdates1764072600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX outlet_actors_actor_idx');
    await queryRunner.query('CREATE INDEX outlet_actors_actor_idx ON outlet_actors (actor_id)');
    await queryRunner.query('ALTER TABLE outlet_actors SET (fillfactor = 70)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outlet_actors RESET (fillfactor)');
    await queryRunner.query('DROP INDEX outlet_actors_actor_idx');
    await queryRunner.query('CREATE INDEX outlet_actors_actor_idx ON outlet_actors (actor_id, articles, outlet)');
  }
}
