import { ACTOR_PAIR_VECTORS_TABLE, SENTIMENT_ENTRIES_TABLE } from '@chronicle/read-models';
import { analyzedEvents } from '@chronicle/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { foldedHistoryDatabase } from '../support/folded-history';
import { foldAnalyses } from '../support/read-model-fold';
import { dropTestDatabase, waitFor } from '../support/test-environment';

describe('the order a batch writes its aggregates in', () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ url, dataSource } = await foldedHistoryDatabase('aggregate-write-order'));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  describe('when another transaction holds a popular actor’s row', () => {
    it('has appended its sentiment entries and co-mention change rows already while it waits for that row', async () => {
      const [next] = analyzedEvents(301).slice(300);
      const actorId = next!.data.analysis.actors[0]!.id;
      const entriesOfActor = async () =>
        (await dataSource.query(`SELECT count(*)::int AS n FROM ${SENTIMENT_ENTRIES_TABLE} WHERE actor_id = $1`, [actorId]))[0].n;
      const before = await entriesOfActor();
      // Its own session: the data source's two connections are the holder's and the batch's.
      const observer = new Client({ connectionString: url });
      await observer.connect();
      const holder = dataSource.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      try {
        await holder.query('SELECT 1 FROM actors WHERE id = $1 FOR UPDATE', [actorId]);
        const batch = foldAnalyses(dataSource, [next!], 1, 300);
        const [waiter] = await waitFor(
          async () =>
            (
              await observer.query<{ pid: number }>(
                `SELECT pid FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO actors%'`,
              )
            ).rows,
          { until: (waiting) => waiting.length > 0 },
        );
        const { rows: held } = await observer.query<{ ledger: string }>(
          `SELECT relation::regclass::text AS ledger FROM pg_locks
           WHERE pid = $1 AND relation = ANY($2::regclass[]) AND mode = 'RowExclusiveLock' AND granted ORDER BY 1`,
          [waiter!.pid, [ACTOR_PAIR_VECTORS_TABLE, SENTIMENT_ENTRIES_TABLE]],
        );
        expect(held.map((h) => h.ledger)).toEqual([ACTOR_PAIR_VECTORS_TABLE, SENTIMENT_ENTRIES_TABLE]);
        await holder.rollbackTransaction();
        await batch;
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
        await observer.end();
      }
      expect(await entriesOfActor()).toBeGreaterThan(before);
    });
  });
});
