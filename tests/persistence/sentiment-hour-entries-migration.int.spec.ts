import { createDataSource, runMigrations } from '@chronicle/persistence';
import { SENTIMENT_ENTRIES_TABLE, totalHourEntries } from '@chronicle/read-models';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

const COLUMNS = 'actor_id, granularity, bucket_start, totalled, mentions, articles, positive, neutral, negative, score_micros';

/**
 * A store as the version before `SentimentHourEntriesOnly` left it: unflagged hour entries, and day entries of which
 * the running totals rounds had flagged some (folded into one row per day) and not yet the newer ones.
 */
const OLD_ENTRIES: Array<[string, 'hour' | 'day', string, boolean, number, number, number, number, number, number]> = [
  ['a-1', 'hour', '2026-03-01T09:00:00Z', false, 3, 2, 1, 1, 0, 500_000],
  ['a-1', 'hour', '2026-03-01T10:00:00Z', false, 1, 1, 0, 0, 1, -250_000],
  ['a-1', 'hour', '2026-03-01T10:00:00Z', false, 2, 1, 1, 0, 0, 750_000],
  ['a-1', 'day', '2026-03-01T00:00:00Z', true, 4, 3, 1, 1, 1, 250_000],
  ['a-1', 'day', '2026-03-01T00:00:00Z', false, 2, 1, 1, 0, 0, 750_000],
  ['a-2', 'hour', '2026-03-02T23:00:00Z', false, 5, 2, 0, 2, 0, 0],
  ['a-2', 'day', '2026-03-02T00:00:00Z', false, 5, 2, 0, 2, 0, 0],
  ['a-3', 'hour', '2026-03-03T01:00:00Z', false, 1, 1, 1, 0, 0, 900_000],
  ['a-3', 'day', '2026-03-03T00:00:00Z', true, 1, 1, 1, 0, 0, 900_000],
];

describe('the SentimentHourEntriesOnly migration', () => {
  let url: string;
  let dataSource: DataSource;
  const buckets = () =>
    dataSource.query(
      `SELECT actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros
       FROM actor_sentiment ORDER BY actor_id, granularity, bucket_start`,
    );

  beforeAll(async () => {
    url = await createTestDatabase('sentiment-hour-entries');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  describe('when the store holds flagged and unflagged day entries', () => {
    it('keeps every hour and day bucket, leaves only hour entries unflagged, and rounds fold them into the same buckets', async () => {
      await dataSource.undoLastMigration({ transaction: 'each' });
      await dataSource.query(
        `INSERT INTO ${SENTIMENT_ENTRIES_TABLE} (${COLUMNS})
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bool[], $5::int[], $6::int[], $7::int[],
                              $8::int[], $9::int[], $10::bigint[])`,
        OLD_ENTRIES[0]!.map((_, column) => OLD_ENTRIES.map((row) => row[column])),
      );
      const before = await buckets();
      expect(before).toHaveLength(7);

      expect(await dataSource.runMigrations({ transaction: 'each' })).toHaveLength(1);

      expect(await buckets()).toEqual(before);
      const [kinds] = await dataSource.query(
        `SELECT count(*) FILTER (WHERE granularity = 'day' AND NOT totalled)::int AS unflagged_days,
                count(*) FILTER (WHERE granularity = 'hour' AND NOT totalled)::int AS unflagged_hours
         FROM ${SENTIMENT_ENTRIES_TABLE}`,
      );
      // a-1's and a-2's unflagged day entries became one unflagged hour entry each.
      expect(kinds).toEqual({ unflagged_days: 0, unflagged_hours: 2 });

      const round = await dataSource.transaction((manager) => totalHourEntries(manager, 100));
      expect(round.totalled).toBe(2);
      expect(await buckets()).toEqual(before);
      const [left] = await dataSource.query(`SELECT count(*)::int AS n FROM ${SENTIMENT_ENTRIES_TABLE} WHERE NOT totalled`);
      expect(left.n).toBe(0);
    });
  });
});
