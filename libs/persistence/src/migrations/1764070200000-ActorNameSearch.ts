import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `/v1/actors?q=` finds actors whose name or an alias contains the text: a trigram index
 * (pg_trgm, shipped with PostgreSQL) over the name and aliases joined by newlines, so a search
 * reads the index instead of every actor row (issue 12). `actor_search_text` is declared
 * IMMUTABLE, as an index expression must be; `array_to_string` is only STABLE in general, but
 * for `text[]` its result depends on its arguments alone.
 */
export class ActorNameSearch1764070200000 implements MigrationInterface {
  name = 'ActorNameSearch1764070200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(`
      CREATE FUNCTION actor_search_text(name text, aliases text[]) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN name || E'\\n' || array_to_string(aliases, E'\\n')`);
    await queryRunner.query('CREATE INDEX actors_search_idx ON actors USING gin (actor_search_text(name, aliases) gin_trgm_ops)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX actors_search_idx');
    await queryRunner.query('DROP FUNCTION actor_search_text(text, text[])');
    await queryRunner.query('DROP EXTENSION IF EXISTS pg_trgm');
  }
}
