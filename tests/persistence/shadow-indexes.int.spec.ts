import {
  createDataSource,
  createShadowSchema,
  deriveDeferredAggregates,
  dropSchema,
  projectionNamed,
  runMigrations,
  swapShadowIn,
} from '@chronicle/persistence';
import { SqlRunner } from '@chronicle/read-models';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

/** Every index of the projection's tables in `schema`, by name, with its definition as if in `public`. */
async function indexesIn(dataSource: SqlRunner, schema: string, tables: readonly string[]): Promise<Record<string, string>> {
  const rows: Array<{ indexname: string; indexdef: string }> = await dataSource.query(
    'SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = ANY($2)',
    [schema, tables],
  );
  return Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef.replace(` ON ${schema}.`, ' ON public.')]));
}

describe(createShadowSchema.name, () => {
  const readModels = projectionNamed('read-models');
  const deferred = readModels.indexesBuiltAfterLoad ?? [];
  let url: string;
  let dataSource: DataSource;
  let live: Record<string, string>;

  beforeAll(async () => {
    url = await createTestDatabase('shadow-indexes');
    await runMigrations(url);
    dataSource = await createDataSource(url, 3).initialize();
    live = await indexesIn(dataSource, 'public', readModels.tables);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  describe('when the projection builds some indexes after the load', () => {
    it('leaves those off the shadow tables while rows load, and keeps every other index', async () => {
      expect(deferred).toContain('statements_search_idx');
      await createShadowSchema(dataSource, readModels, 'shadow_loading');
      try {
        const shadow = await indexesIn(dataSource, 'shadow_loading', readModels.tables);
        const kept = Object.fromEntries(Object.entries(live).filter(([name]) => !deferred.includes(name)));
        expect(shadow).toEqual(kept);
      } finally {
        await dropSchema(dataSource, 'shadow_loading');
      }
    });

    it('builds them with the live definitions before the aggregates are derived, and the swap brings in every live index', async () => {
      await createShadowSchema(dataSource, readModels, 'shadow_indexed');
      expect(await deriveDeferredAggregates(dataSource, readModels, 'shadow_indexed')).toBe(true);
      expect(await indexesIn(dataSource, 'shadow_indexed', readModels.tables)).toEqual(live);
      const outcome = await swapShadowIn(dataSource, readModels, {
        shadowSchema: 'shadow_indexed',
        liveConsumer: 'no-live-projector',
        shadowConsumer: 'no-shadow-projector',
        retiredSchema: 'retired_indexed',
      });
      expect(outcome.swapped).toBe(true);
      await dropSchema(dataSource, 'retired_indexed');
      await dropSchema(dataSource, 'shadow_indexed');
      expect(await indexesIn(dataSource, 'public', readModels.tables)).toEqual(live);
    });
  });

  describe('when a live table has storage parameters', () => {
    it('gives the shadow table the same, so the table swapped in is written as the live one was', async () => {
      const parameters = async (schema: string) => {
        const rows: Array<{ table: string; options: string[] | null }> = await dataSource.query(
          `SELECT c.relname AS table, c.reloptions AS options FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = $1 AND c.relname = ANY($2) AND c.relkind = 'r'`,
          [schema, readModels.tables],
        );
        return Object.fromEntries(rows.map((r) => [r.table, r.options]));
      };
      const inLive = await parameters('public');
      expect(inLive['outlet_actors']).toEqual(['fillfactor=70']);
      await createShadowSchema(dataSource, readModels, 'shadow_stored');
      try {
        expect(await parameters('shadow_stored')).toEqual(inLive);
      } finally {
        await dropSchema(dataSource, 'shadow_stored');
      }
    });
  });

  describe('when a derivation starts first', () => {
    it('runs before the deferred indexes are built, and the other derivations after them', async () => {
      const seen: Record<string, boolean> = {};
      const sees = (name: string) => async (sql: { query: (sql: string) => Promise<Array<{ built: boolean }>> }) => {
        const [row] = await sql.query(`SELECT to_regclass('shadow_ordered.statements_search_idx') IS NOT NULL AS built`);
        seen[name] = row!.built;
      };
      const ordered = {
        ...readModels,
        aggregateDerivations: [
          { tables: ['outlets'], derive: sees('other') },
          { tables: ['actor_pair_entries'], derive: sees('first'), startsFirst: true },
        ],
      };
      await createShadowSchema(dataSource, ordered, 'shadow_ordered');
      try {
        // One at a time, so the order they start in is the order they run in.
        expect(await deriveDeferredAggregates(dataSource, ordered, 'shadow_ordered', 1)).toBe(true);
        expect(seen).toEqual({ first: false, other: true });
      } finally {
        await dropSchema(dataSource, 'shadow_ordered');
      }
    });
  });

  describe('when a derivation fills its tables', () => {
    it('runs with their non-unique indexes off and the unique ones on, and leaves every index as it was', async () => {
      const tables = ['actor_sentiment_entries', 'actor_keys'];
      const before = await indexesIn(dataSource, 'public', tables);
      const unique = Object.keys(before).filter((name) => before[name]!.startsWith('CREATE UNIQUE'));
      let during: string[] = [];
      const watched = {
        ...readModels,
        aggregateDerivations: [
          {
            tables,
            // Its own transaction's view of the catalog, where the drops are visible before they commit.
            derive: async (sql: SqlRunner) => {
              during = Object.keys(await indexesIn(sql, 'shadow_watched', tables)).sort();
            },
          },
        ],
      };
      await createShadowSchema(dataSource, watched, 'shadow_watched');
      try {
        expect(await deriveDeferredAggregates(dataSource, watched, 'shadow_watched')).toBe(true);
        expect(Object.keys(before).length).toBeGreaterThan(unique.length);
        expect(during).toEqual(unique.sort());
        expect(await indexesIn(dataSource, 'shadow_watched', tables)).toEqual(before);
      } finally {
        await dropSchema(dataSource, 'shadow_watched');
      }
    });
  });

  describe('when a name to build after the load is no index of the tables', () => {
    it('fails and leaves no shadow schema', async () => {
      const misnamed = { ...readModels, indexesBuiltAfterLoad: ['statements_no_such_idx'] };
      await expect(createShadowSchema(dataSource, misnamed, 'shadow_misnamed')).rejects.toThrow(/statements_no_such_idx/);
      const [schema] = await dataSource.query(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'shadow_misnamed'`);
      expect(schema.n).toBe(0);
    });
  });
});
