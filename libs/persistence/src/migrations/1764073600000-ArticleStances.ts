import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `articles.stances`: the stances of the analysis in place (chronicle-nlp/1.23.0 on: what a speaker is reported to
 * criticise, praise, call or decline), as the API shows them. Written with the analysis in the same statement and
 * cleared with it; articles analysed before hold none until they are re-analysed.
 */
export class ArticleStances1764073600000 implements MigrationInterface {
  name = 'ArticleStances1764073600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE articles ADD COLUMN stances jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE articles DROP COLUMN stances');
  }
}
