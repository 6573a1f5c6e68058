import { ArticleEntity, createDataSource, ENTITIES, runMigrations } from '@chronicle/persistence';
import { Column, DataSource, Entity } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

/** Relations the migrations create that no entity maps, and why. */
const UNMAPPED = {
  actor_sentiment: 'a view over actor_sentiment_entries; the projection catalog owns its SQL',
  actor_pairs: 'a view over actor_pair_entries; the projection catalog owns its SQL',
};

type EntityList = NonNullable<DataSource['options']['entities']>;

/** Runs `sql` against the database at `url`. */
async function execute(url: string, sql: string): Promise<void> {
  const dataSource = await createDataSource(url, 1).initialize();
  try {
    await dataSource.query(sql);
  } finally {
    await dataSource.destroy();
  }
}

interface SchemaChangeOptions {
  entities?: EntityList;
  /** Also compare the entities marked `synchronize: false`, which the schema builder otherwise skips. */
  includeSkipped?: boolean;
}

/**
 * The SQL TypeORM's schema builder would run to make the database match the entities: what
 * `migration:generate` would write. Built with the application's own DataSource options.
 */
async function pendingSchemaChanges(
  url: string,
  { entities = ENTITIES, includeSkipped = false }: SchemaChangeOptions = {},
): Promise<string[]> {
  const dataSource = await new DataSource({ ...createDataSource(url, 1).options, entities }).initialize();
  try {
    if (includeSkipped) for (const metadata of dataSource.entityMetadatas) metadata.synchronize = true;
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  } finally {
    await dataSource.destroy();
  }
}

const listed = (queries: string[]): string => `pending schema changes:\n${queries.join(';\n')}`;

describe('the entities in ENTITIES', () => {
  let url: string;

  beforeAll(async () => {
    url = await createTestDatabase('schema-drift');
    await runMigrations(url);
  });

  afterAll(async () => {
    if (url) await dropTestDatabase(url);
  });

  describe('when every migration has run', () => {
    it('connect without installing an extension the migrations did not', async () => {
      // A generated uuid column (projection_rebuilds.id) makes TypeORM create uuid-ossp on connect unless told not to.
      const dataSource = await createDataSource(url, 1).initialize();
      try {
        const extensions: Array<{ name: string }> = await dataSource.query('SELECT extname AS name FROM pg_extension');
        // pg_trgm is the ActorNameSearch migration's own.
        expect(extensions.map((extension) => extension.name).sort()).toEqual(['pg_trgm', 'plpgsql']);
      } finally {
        await dataSource.destroy();
      }
    });

    it('leave the schema builder nothing to change', async () => {
      const queries = await pendingSchemaChanges(url);
      expect(queries, listed(queries)).toEqual([]);
    });

    it('match the tables the schema builder skips too, but for the primary key TypeORM insists on', async () => {
      // The ledgers have no primary key; their entities must declare one.
      const queries = await pendingSchemaChanges(url, { includeSkipped: true });
      expect(queries.sort(), listed(queries)).toEqual([
        expect.stringMatching(/^ALTER TABLE "actor_pair_entries" ADD CONSTRAINT "PK_\w+" PRIMARY KEY \("entry_id"\)$/),
        expect.stringMatching(/^ALTER TABLE "actor_sentiment_entries" ADD CONSTRAINT "PK_\w+" PRIMARY KEY \("entry_id"\)$/),
      ]);
    });

    it('map every table and declare every index the migrations create', async () => {
      // The schema builder only looks at tables that have an entity and at indexes on real
      // columns, so a table without an entity or an expression index would pass it unseen.
      const dataSource = await createDataSource(url, 1).initialize();
      try {
        // TypeORM's own tables: the migrations run, and the expressions of generated columns (statements.search_vector).
        const relations: Array<{ name: string; kind: 'r' | 'p' | 'v' | 'm' }> = await dataSource.query(
          `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
              AND c.relname NOT IN ('chronicle_migrations', 'typeorm_metadata')`,
        );
        const indexes: Array<{ name: string }> = await dataSource.query(
          `SELECT i.relname AS name FROM pg_index x
             JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
             JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname <> 'chronicle_migrations'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
        );
        const mapped = dataSource.entityMetadatas.map((metadata) => metadata.tableName);
        expect(relations.map((r) => r.name).sort()).toEqual([...mapped, ...Object.keys(UNMAPPED)].sort());
        expect(
          relations
            .filter((r) => r.kind === 'v')
            .map((r) => r.name)
            .sort(),
        ).toEqual(Object.keys(UNMAPPED).sort());
        const declared = dataSource.entityMetadatas.flatMap((metadata) => metadata.indices.map((index) => index.name));
        expect(indexes.map((i) => i.name).sort()).toEqual(declared.sort());
      } finally {
        await dataSource.destroy();
      }
    });

    it('define each key, index and check constraint as the migrations do', async () => {
      // The schema builder compares keys and indexes by column set (not column order), ignores
      // index predicates and compares checks by name only. So PostgreSQL compares: each entity's
      // keys, indexes and checks are built on an empty copy of its table and both are read back.
      const dataSource = await createDataSource(url, 1).initialize();
      const runner = dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        await runner.query('CREATE SCHEMA drift_scratch');
        const indexNames: string[] = [];
        for (const metadata of dataSource.entityMetadatas) {
          const table = `drift_scratch.${metadata.tableName}`;
          await runner.query(`CREATE TABLE ${table} (LIKE public.${metadata.tableName})`);
          // An entity the builder skips declares a primary key its table lacks (see the test above).
          if (metadata.synchronize) {
            const primary = metadata.primaryColumns.map((column) => `"${column.databaseName}"`).join(', ');
            await runner.query(`ALTER TABLE ${table} ADD PRIMARY KEY (${primary})`);
          }
          for (const unique of metadata.uniques) {
            const columns = unique.columns.map((column) => `"${column.databaseName}"`).join(', ');
            await runner.query(`ALTER TABLE ${table} ADD CONSTRAINT "${unique.name}" UNIQUE (${columns})`);
          }
          for (const key of metadata.foreignKeys) {
            await runner.query(
              `ALTER TABLE ${table} ADD CONSTRAINT "${key.name}" FOREIGN KEY (${key.columnNames.join(', ')})
                 REFERENCES public.${key.referencedEntityMetadata.tableName} (${key.referencedColumnNames.join(', ')})
                 ON DELETE ${key.onDelete ?? 'NO ACTION'} ON UPDATE ${key.onUpdate ?? 'NO ACTION'}`,
            );
          }
          for (const index of metadata.indices.filter((declared) => declared.synchronize)) {
            const columns = index.columns.map((column) => `"${column.databaseName}"`).join(', ');
            const where = index.where ? ` WHERE ${index.where}` : '';
            await runner.query(`CREATE ${index.isUnique ? 'UNIQUE ' : ''}INDEX "${index.name}" ON ${table} (${columns})${where}`);
            indexNames.push(index.name!);
          }
          for (const check of metadata.checks) {
            await runner.query(`ALTER TABLE ${table} ADD CONSTRAINT "${check.name}" CHECK (${check.expression})`);
          }
        }
        const definitions = async (schema: string): Promise<string[]> =>
          (
            await runner.query(
              `SELECT i.relname || ': ' || replace(pg_get_indexdef(i.oid), $1 || '.', '') AS definition
                 FROM pg_class i JOIN pg_namespace n ON n.oid = i.relnamespace
                WHERE i.relkind = 'i' AND n.nspname = $1 AND i.relname = ANY ($2)
               UNION ALL
               SELECT t.relname || '.' || CASE c.contype WHEN 'p' THEN 'pkey' ELSE c.conname END || ': ' || pg_get_constraintdef(c.oid)
                 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = c.connamespace
                WHERE c.contype IN ('p', 'u', 'f', 'c') AND n.nspname = $1 AND t.relname <> 'chronicle_migrations'`,
              [schema, indexNames],
            )
          )
            .map((row: { definition: string }) => row.definition)
            .sort();
        expect(await definitions('drift_scratch')).toEqual(await definitions('public'));
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
        await dataSource.destroy();
      }
    });
  });

  describe('when an entity declares a column no migration created', () => {
    @Entity({ name: 'articles' })
    class ArticleWithUnmigratedColumn extends ArticleEntity {
      @Column('text', { name: 'drift_probe', nullable: true }) driftProbe!: string | null;
    }

    it('leave the schema builder a query adding that column', async () => {
      const entities = [...ENTITIES.filter((entity) => entity !== ArticleEntity), ArticleWithUnmigratedColumn];
      const queries = await pendingSchemaChanges(url, { entities });
      expect(queries, listed(queries)).toEqual([expect.stringMatching(/^ALTER TABLE "articles" ADD "drift_probe" text$/)]);
    });
  });

  describe('when a migration adds a column no entity declares', () => {
    let driftedUrl: string;

    beforeAll(async () => {
      driftedUrl = await createTestDatabase('schema-drift-probe');
      await runMigrations(driftedUrl);
      await execute(driftedUrl, 'ALTER TABLE articles ADD COLUMN drift_probe text');
    });

    afterAll(async () => {
      if (driftedUrl) await dropTestDatabase(driftedUrl);
    });

    it('leave the schema builder a query dropping that column', async () => {
      const queries = await pendingSchemaChanges(driftedUrl);
      expect(queries, listed(queries)).toEqual([expect.stringMatching(/^ALTER TABLE "articles" DROP COLUMN "drift_probe"$/)]);
    });
  });
});
