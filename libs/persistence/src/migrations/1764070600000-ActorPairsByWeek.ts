import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `actor_pairs` counts articles per UTC week (from Monday) instead of per UTC day. A popular actor meets most other
 * actors every day, so its related list summed about five times as many day rows as week rows: on the api bench's
 * 100,000 articles the most mentioned actor's 30 days were 77,700 day rows. `GET /v1/actors/:id/related` now
 * counts the whole weeks its window touches, and reports them as its window.
 *
 * The day rows are summed into their weeks here, so no replay is needed. `down` keeps the weeks as the Mondays'
 * days (a later `chronicle replay` restores the days).
 */
export class ActorPairsByWeek1764070600000 implements MigrationInterface {
  name = 'ActorPairsByWeek1764070600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE actor_pairs RENAME TO actor_pairs_by_day');
    await queryRunner.query('ALTER TABLE actor_pairs_by_day RENAME CONSTRAINT actor_pairs_pkey TO actor_pairs_by_day_pkey');
    await queryRunner.query(`
      CREATE TABLE actor_pairs (
        actor_id text NOT NULL,
        week date NOT NULL CHECK (extract(isodow FROM week) = 1),
        other_actor_id text NOT NULL,
        articles int NOT NULL,
        CONSTRAINT actor_pairs_pkey PRIMARY KEY (actor_id, week, other_actor_id)
      )`);
    await queryRunner.query(`
      INSERT INTO actor_pairs (actor_id, week, other_actor_id, articles)
      SELECT actor_id, date_trunc('week', day)::date, other_actor_id, sum(articles)::int
      FROM actor_pairs_by_day GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
    await queryRunner.query('DROP TABLE actor_pairs_by_day');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE actor_pairs DROP CONSTRAINT actor_pairs_week_check');
    await queryRunner.query('ALTER TABLE actor_pairs RENAME COLUMN week TO day');
  }
}
