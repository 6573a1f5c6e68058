import { SENTIMENT_ENTRIES_TABLE, TOTALLED_BELOW, totalHourEntries } from '@chronicle/read-models';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_MODEL_QUERIES } from '../e2e/support/read-model-checksum';
import { foldedHistoryDatabase, rowsChecksum } from '../support/folded-history';
import { dropTestDatabase } from '../support/test-environment';

const bucketsChecksum = (dataSource: DataSource) => rowsChecksum(dataSource, READ_MODEL_QUERIES.actor_sentiment);

describe('the SentimentEntries migration', () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ url, dataSource } = await foldedHistoryDatabase('sentiment-entries-migration'));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  describe('when reverted and applied again on a database with buckets', () => {
    it('keeps every hour and day bucket, first as a table, then again as the view over one entry per bucket', async () => {
      const view = await bucketsChecksum(dataSource);
      expect(view.rows).toBeGreaterThan(1000);

      // Later migrations are undone first (SentimentDayEntries drops the day entries), then SentimentEntries itself.
      for (;;) {
        const [last] = await dataSource.query('SELECT name FROM chronicle_migrations ORDER BY timestamp DESC LIMIT 1');
        await dataSource.undoLastMigration({ transaction: 'each' });
        if (last.name === 'SentimentEntries1764054000000') break;
      }
      const [kind] = await dataSource.query(`SELECT relkind FROM pg_class WHERE relname = 'actor_sentiment'`);
      expect(kind.relkind).toBe('r');
      expect(await bucketsChecksum(dataSource)).toEqual(view);

      await dataSource.runMigrations({ transaction: 'each' });
      expect(await bucketsChecksum(dataSource)).toEqual(view);
      // The later migrations leave entries above the mark, and hour entries only; the running totals rounds add them.
      while ((await dataSource.transaction((manager) => totalHourEntries(manager, 50_000))).totalled > 0);
      expect(await bucketsChecksum(dataSource)).toEqual(view);
      const [entries] = await dataSource.query(
        `SELECT count(*) FILTER (WHERE granularity <> 'hour')::int AS days,
                count(*) FILTER (WHERE xact >= ${TOTALLED_BELOW})::int AS above_the_mark
         FROM ${SENTIMENT_ENTRIES_TABLE}`,
      );
      expect(entries).toEqual({ days: 0, above_the_mark: 0 });
    });
  });
});
