import { OutletActorChange } from '@chronicle/read-models';
import { DataSource } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PgReadModelTransaction } from '../../apps/project/src/read-models/read-model-transaction';
import { encodeOutlets, writeOutlets } from '../../libs/read-models/src/outlets/write';
import { databaseWithActors } from './support/database-with-actors';

/**
 * Every projector batch adds to the counts of a few of the stored (outlet, actor) pairs. Those updates should stay on
 * their page without a new index entry (heap-only tuples): an index on the count, or pages filled to the brim, would
 * make each one write a tuple elsewhere and an entry in every index.
 */
describe('(outlet, actor) count updates', () => {
  let dataSource: DataSource;
  const database = databaseWithActors('outlet-actor-updates', []);
  beforeAll(() => {
    dataSource = database.dataSource();
  });

  const pairs = (ids: number[]): OutletActorChange[] =>
    ids.map((i) => ({ outlet: `Outlet ${i % 7}`, actorId: `person:actor-${String(i).padStart(4, '0')}`, articles: 1 }));

  describe('when a batch adds to some of the stored pairs', () => {
    it('updates each one on its page, without touching an index', async () => {
      const stored = Array.from({ length: 600 }, (_, i) => i);
      await dataSource.transaction((manager) =>
        writeOutlets(new PgReadModelTransaction(manager), encodeOutlets({ outletActors: pairs(stored), outlets: [] })),
      );
      const touched = stored.filter((i) => i % 10 === 3);
      const counts = await dataSource.transaction(async (manager) => {
        await writeOutlets(new PgReadModelTransaction(manager), encodeOutlets({ outletActors: pairs(touched), outlets: [] }));
        const [row]: Array<{ updated: string; heap_only: string }> = await manager.query(
          `SELECT pg_stat_get_xact_tuples_updated(to_regclass('outlet_actors')) AS updated,
                  pg_stat_get_xact_tuples_hot_updated(to_regclass('outlet_actors')) AS heap_only`,
        );
        return { updated: Number(row!.updated), heapOnly: Number(row!.heap_only) };
      });
      expect(counts).toEqual({ updated: touched.length, heapOnly: touched.length });
      const [{ articles }] = await dataSource.query(`SELECT sum(articles)::int AS articles FROM outlet_actors`);
      expect(articles).toBe(stored.length + touched.length);
    });
  });
});
