import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every alert batch adds its new members to their clusters' counts, outlets and last sighting. None of those columns
 * is indexed, so an update can stay on its page without touching an index (a heap-only tuple) when the page has
 * room; on full pages it went elsewhere and re-inserted every (actor, shingle) key of the cluster into the GIN index
 * of candidates. A minute of the pipeline bench at 200 articles/s made 13,000 such updates out of 65,000.
 */
export class NoveltyClustersHotUpdates1764073200000 implements MigrationInterface {
  name = 'NoveltyClustersHotUpdates1764073200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE novelty_clusters SET (fillfactor = 70)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE novelty_clusters RESET (fillfactor)');
  }
}
