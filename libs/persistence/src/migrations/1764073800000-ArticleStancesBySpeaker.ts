import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `GET /v1/actors/:id/stances` finds the articles holding a stance of the actor with
 * `stances @> '[{"speaker":{"id":"…"}}]'`: a GIN index with `jsonb_path_ops` (smaller than the default operator
 * class, and serving `@>` alone, which is all this read asks of it) keeps that from reading every article.
 */
export class ArticleStancesBySpeaker1764073800000 implements MigrationInterface {
  name = 'ArticleStancesBySpeaker1764073800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX articles_stances_idx ON articles USING gin (stances jsonb_path_ops)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX articles_stances_idx');
  }
}
