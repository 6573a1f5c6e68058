import { MigrationInterface, QueryRunner } from 'typeorm';

const int32At = (offset: string) => `('x' || encode(substring(v.others FROM ${offset} FOR 4), 'hex'))::bit(32)::int`;

/** The view's SQL as of this migration (the projection catalog holds the live one). */
const ACTOR_PAIRS_VIEW = `
  CREATE OR REPLACE VIEW actor_pairs AS
  SELECT actor_id, week, other_actor_id, sum(articles)::int AS articles
    FROM (SELECT actor_id, week, other_actor_id, articles FROM actor_pair_entries
          UNION ALL
          SELECT v.actor_id, v.week, k.actor_id AS other_actor_id, s.articles
            FROM actor_pair_vectors v
            CROSS JOIN LATERAL (
              SELECT ${int32At('i * 8 + 1')} AS key, ${int32At('i * 8 + 5')} AS articles
                FROM generate_series(0, length(v.others) / 8 - 1) AS i) s
            JOIN actor_pair_keys k ON k.key = s.key) pairs
   GROUP BY actor_id, week, other_actor_id HAVING sum(articles) > 0`;

const ENTRIES_ONLY_VIEW = `
  CREATE OR REPLACE VIEW actor_pairs AS
  SELECT actor_id, week, other_actor_id, sum(articles)::int AS articles
    FROM actor_pair_entries GROUP BY actor_id, week, other_actor_id HAVING sum(articles) > 0`;

/**
 * Related actors read packed weeks (issue 12: a popular actor's list summed one index entry per co-mentioned actor
 * and week, about 12,000 on the api bench's 100,000 articles, from a key index the ledger's churn left at 4 entries a
 * page; 5–20 ms a request alone, 46–110 ms p95 at 8 in flight):
 * - `actor_pair_keys`: a dense integer key per co-mentioned actor (the slice's own, apart from the sentiment
 *   slice's `actor_keys`, since a rebuild swaps one slice alone);
 * - `actor_pair_vectors`: per (actor, UTC week), its co-mentions as 8-byte slots (key, articles) in one `bytea`,
 *   uncompressed out of line (`STORAGE EXTERNAL`); the project service's worker moves ledger entries in (deleting
 *   them) in one transaction, so the ledger holds only entries not packed yet;
 * - the `actor_pairs` view sums both.
 * The existing entries stay in the ledger until the worker packs them; reads are exact meanwhile.
 */
export class ActorPairVectors1764072000000 implements MigrationInterface {
  name = 'ActorPairVectors1764072000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE actor_pair_keys (
         key integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         actor_id text NOT NULL CONSTRAINT actor_pair_keys_actor_id_unique UNIQUE)`,
    );
    await queryRunner.query(
      `CREATE TABLE actor_pair_vectors (
         actor_id text NOT NULL,
         week date NOT NULL,
         others bytea NOT NULL,
         PRIMARY KEY (actor_id, week))`,
    );
    await queryRunner.query('ALTER TABLE actor_pair_vectors ALTER COLUMN others SET STORAGE EXTERNAL');
    await queryRunner.query(ACTOR_PAIRS_VIEW);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The packed weeks go back into the ledger as entries (one per slot) before their tables go.
    await queryRunner.query(
      `INSERT INTO actor_pair_entries (actor_id, week, other_actor_id, articles)
       SELECT v.actor_id, v.week, k.actor_id, s.articles
         FROM actor_pair_vectors v
         CROSS JOIN LATERAL (
           SELECT ${int32At('i * 8 + 1')} AS key, ${int32At('i * 8 + 5')} AS articles
             FROM generate_series(0, length(v.others) / 8 - 1) AS i) s
         JOIN actor_pair_keys k ON k.key = s.key`,
    );
    await queryRunner.query(ENTRIES_ONLY_VIEW);
    await queryRunner.query('DROP TABLE actor_pair_vectors');
    await queryRunner.query('DROP TABLE actor_pair_keys');
  }
}
