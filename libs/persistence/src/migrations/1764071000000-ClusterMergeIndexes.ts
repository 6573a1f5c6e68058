import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statement reach and novelty clusters are added to per batch instead of recounted from all their rows (issue 16:
 * the recounts grew with every article that repeated a quote). What the additions ask is one index probe each:
 * - whether an outlet already carries a reach cluster: `statements_cluster_idx` becomes (cluster_id, outlet);
 * - whether a novelty cluster already has an article: `novelty_cluster_members` (cluster_id) becomes
 *   (cluster_id, article_id).
 * Each new index leads with the column of the one it replaces, so lookups by cluster alone still use it.
 */
export class ClusterMergeIndexes1764071000000 implements MigrationInterface {
  name = 'ClusterMergeIndexes1764071000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX statements_cluster_idx');
    await queryRunner.query('CREATE INDEX statements_cluster_idx ON statements (cluster_id, outlet)');
    await queryRunner.query(
      'CREATE INDEX novelty_cluster_members_cluster_article_idx ON novelty_cluster_members (cluster_id, article_id)',
    );
    await queryRunner.query('DROP INDEX novelty_cluster_members_cluster_idx');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX novelty_cluster_members_cluster_idx ON novelty_cluster_members (cluster_id)');
    await queryRunner.query('DROP INDEX novelty_cluster_members_cluster_article_idx');
    await queryRunner.query('DROP INDEX statements_cluster_idx');
    await queryRunner.query('CREATE INDEX statements_cluster_idx ON statements (cluster_id)');
  }
}
