import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models that stay exact under revisions and retractions (issue #4): articles remember
 * which version's analysis they hold and their last retraction; mentions and statements carry
 * what their aggregates are recomputed from; new aggregate tables for sentiment buckets,
 * statement clusters and outlets. Existing deployments rebuild the read models from the log
 * after this migration (the new aggregates start empty).
 */
export class ReadModelsV21764046800000 implements MigrationInterface {
  name = 'ReadModelsV21764046800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE articles
        ADD COLUMN content_offset bigint,
        ADD COLUMN analysis_offset bigint,
        ADD COLUMN retracted_offset bigint,
        ADD COLUMN retracted_at timestamptz,
        ADD COLUMN retraction_reason text,
        ADD COLUMN contributed_outlet text,
        ADD COLUMN contributed_at timestamptz`);
    await queryRunner.query(`
      CREATE INDEX articles_contributed_outlet_idx ON articles (contributed_outlet, contributed_at)
      WHERE contributed_outlet IS NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE mentions
        ADD COLUMN outlet text,
        ADD COLUMN name text NOT NULL DEFAULT '',
        ADD COLUMN kind text NOT NULL DEFAULT 'person',
        ADD COLUMN role text,
        ADD COLUMN aliases text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE statements ADD COLUMN outlet text`);
    await queryRunner.query(`CREATE INDEX statements_cluster_idx ON statements (cluster_id)`);
    await queryRunner.query(`
      CREATE TABLE actor_sentiment (
        actor_id text NOT NULL,
        granularity text NOT NULL CHECK (granularity IN ('hour', 'day')),
        bucket_start timestamptz NOT NULL,
        mentions int NOT NULL,
        articles int NOT NULL,
        positive int NOT NULL,
        neutral int NOT NULL,
        negative int NOT NULL,
        score_micros bigint NOT NULL,
        mean_score numeric(8, 6),
        PRIMARY KEY (actor_id, granularity, bucket_start)
      )`);
    await queryRunner.query(`
      CREATE TABLE statement_reach (
        cluster_id text PRIMARY KEY,
        speaker_id text,
        statement_count int NOT NULL DEFAULT 0,
        outlet_count int NOT NULL DEFAULT 0,
        first_statement_id text,
        first_article_id text,
        first_outlet text,
        first_seen timestamptz,
        last_seen timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE outlet_actors (
        outlet text NOT NULL,
        actor_id text NOT NULL,
        articles int NOT NULL,
        PRIMARY KEY (outlet, actor_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE outlets (
        outlet text PRIMARY KEY,
        article_count int NOT NULL,
        actor_count int NOT NULL,
        first_seen timestamptz,
        last_seen timestamptz
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['outlets', 'outlet_actors', 'statement_reach', 'actor_sentiment']) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await queryRunner.query(`DROP INDEX IF EXISTS statements_cluster_idx`);
    await queryRunner.query(`ALTER TABLE statements DROP COLUMN outlet`);
    await queryRunner.query(`
      ALTER TABLE mentions DROP COLUMN outlet, DROP COLUMN name, DROP COLUMN kind, DROP COLUMN role, DROP COLUMN aliases`);
    await queryRunner.query(`DROP INDEX IF EXISTS articles_contributed_outlet_idx`);
    await queryRunner.query(`
      ALTER TABLE articles
        DROP COLUMN content_offset, DROP COLUMN analysis_offset, DROP COLUMN retracted_offset, DROP COLUMN retracted_at,
        DROP COLUMN retraction_reason, DROP COLUMN contributed_outlet, DROP COLUMN contributed_at`);
  }
}
