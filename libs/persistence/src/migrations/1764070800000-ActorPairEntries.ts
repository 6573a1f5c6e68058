import { MigrationInterface, QueryRunner } from 'typeorm';

/** The view's SQL as of this migration (the projection catalog holds the live one). */
const ACTOR_PAIRS_VIEW = `
  CREATE VIEW actor_pairs AS
  SELECT actor_id, week, other_actor_id, sum(articles)::int AS articles
    FROM actor_pair_entries GROUP BY actor_id, week, other_actor_id HAVING sum(articles) > 0`;

/**
 * `actor_pairs` becomes a view over an append-only ledger, `actor_pair_entries`, as actor sentiment did
 * (issue 16): each projector batch appends one row per (actor, week, other actor) it changed, negative for
 * removed articles, instead of upserting them. The upsert locked every popular pair until the batch committed,
 * so concurrent batches waited on each other there; in the projection bench it was the largest statement
 * (about 140 s of a 222 s run of 100,000 events, lock waits included). The project service compacts each
 * key's entries into one row. The existing rows become the first entries, already compact.
 */
export class ActorPairEntries1764070800000 implements MigrationInterface {
  name = 'ActorPairEntries1764070800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE actor_pairs RENAME TO actor_pair_entries');
    await queryRunner.query('ALTER TABLE actor_pair_entries DROP CONSTRAINT actor_pairs_pkey');
    await queryRunner.query(
      'ALTER TABLE actor_pair_entries RENAME CONSTRAINT actor_pairs_week_check TO actor_pair_entries_week_check',
    );
    await queryRunner.query('ALTER TABLE actor_pair_entries ADD COLUMN entry_id bigint GENERATED ALWAYS AS IDENTITY');
    // INCLUDE (articles): an actor's related list is read from the index alone. On the upserted table the same key
    // cost 18 % of the projection bench (an update of an indexed column is never HOT); entries are never updated.
    await queryRunner.query(
      'CREATE INDEX actor_pair_entries_key_idx ON actor_pair_entries (actor_id, week, other_actor_id) INCLUDE (articles)',
    );
    // Entries are appended in id order, so a block-range index finds the newest ones for a compaction round.
    await queryRunner.query('CREATE INDEX actor_pair_entries_entry_idx ON actor_pair_entries USING brin (entry_id)');
    await queryRunner.query(`
      CREATE TABLE actor_pair_compaction (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        compacted_through bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(ACTOR_PAIRS_VIEW);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE actor_pairs_summed AS SELECT * FROM actor_pairs');
    await queryRunner.query('DROP VIEW actor_pairs');
    await queryRunner.query('DROP TABLE actor_pair_compaction');
    await queryRunner.query('DROP TABLE actor_pair_entries');
    await queryRunner.query(`
      CREATE TABLE actor_pairs (
        actor_id text NOT NULL,
        week date NOT NULL CONSTRAINT actor_pairs_week_check CHECK (extract(isodow FROM week) = 1),
        other_actor_id text NOT NULL,
        articles int NOT NULL,
        CONSTRAINT actor_pairs_pkey PRIMARY KEY (actor_id, week, other_actor_id)
      )`);
    await queryRunner.query(`
      INSERT INTO actor_pairs (actor_id, week, other_actor_id, articles)
      SELECT actor_id, week, other_actor_id, articles FROM actor_pairs_summed ORDER BY 1, 2, 3`);
    await queryRunner.query('DROP TABLE actor_pairs_summed');
  }
}
