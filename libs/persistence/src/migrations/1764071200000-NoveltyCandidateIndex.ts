import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An alert batch looks up the clusters of its speakers that share a shingle with their new statements. A GIN
 * index over the shingles alone beside a btree over actors made the planner read every cluster of a speaker and
 * filter it (10 ms for a speaker quoted in every article, with 5,500 clusters, in the pipeline bench: the alert
 * stage's largest statement, issue 16); a two-column GIN (btree_gin) took 850 ms on a batch's 13 speakers and 357
 * shingles. The index now holds each shingle keyed by its actor (`novelty_actor_shingles`: a hash of actor and
 * shingle), so one lookup per (speaker, shingle) of the batch finds exactly that speaker's clusters. A hash
 * shared by two actors only adds a candidate, which the similarity check then turns away.
 *
 * `fastupdate = off`: with GIN's default pending list, every search also read the entries inserted since the
 * last cleanup, one by one. Clusters are opened all the time (one per new quote), so the list stayed thousands
 * long: 220 ms a lookup with 9,849 pending entries, 2.4 ms once they were merged into the index.
 */
export class NoveltyCandidateIndex1764071200000 implements MigrationInterface {
  name = 'NoveltyCandidateIndex1764071200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION novelty_actor_shingles(actor_id text, shingles int4[]) RETURNS int4[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT ARRAY(SELECT hashtext(actor_id || ' ' || s::text) FROM unnest(shingles) AS s) $$`);
    await queryRunner.query(
      'CREATE INDEX novelty_clusters_actor_shingles_idx ON novelty_clusters USING gin (novelty_actor_shingles(actor_id, shingles)) WITH (fastupdate = off)',
    );
    await queryRunner.query('DROP INDEX novelty_clusters_shingles_idx');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX novelty_clusters_shingles_idx ON novelty_clusters USING gin (shingles)');
    await queryRunner.query('DROP INDEX novelty_clusters_actor_shingles_idx');
    await queryRunner.query('DROP FUNCTION novelty_actor_shingles(text, int4[])');
  }
}
