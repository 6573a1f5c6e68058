import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The newsroom dashboard's reads (issue 12):
 * - `actor_pairs`: live articles per (actor, UTC day, co-mentioned actor), both directions of every
 *   pair, so "related to X in a window" is one range of the primary key (actor_id, day). Starts
 *   empty: existing deployments fill it with `chronicle replay`.
 * - `actor_sentiment_entries (bucket_start)`: trends sum every actor's entries of a window, which
 *   the (actor_id, bucket_start) index cannot serve without a full scan.
 * - `outlet_actors (actor_id, articles DESC, outlet)`: an actor's outlets, most articles first, as
 *   a keyset read backwards (the primary key leads with the outlet).
 */
export class ActorPairsAndDashboardIndexes1764068000000 implements MigrationInterface {
  name = 'ActorPairsAndDashboardIndexes1764068000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE actor_pairs (
        actor_id text NOT NULL,
        day date NOT NULL,
        other_actor_id text NOT NULL,
        articles int NOT NULL,
        CONSTRAINT actor_pairs_pkey PRIMARY KEY (actor_id, day, other_actor_id)
      )`);
    await queryRunner.query('CREATE INDEX actor_sentiment_entries_start_idx ON actor_sentiment_entries (bucket_start)');
    await queryRunner.query('CREATE INDEX outlet_actors_actor_idx ON outlet_actors (actor_id, articles, outlet)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX outlet_actors_actor_idx');
    await queryRunner.query('DROP INDEX actor_sentiment_entries_start_idx');
    await queryRunner.query('DROP TABLE actor_pairs');
  }
}
