import { createDataSource, runMigrations } from '@chronicle/persistence';
import { SENTIMENT_ENTRIES_TABLE, TOTALLED_BELOW, totalHourEntries } from '@chronicle/read-models';
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

describe('the SentimentHourEntriesOnly and SentimentTotalsWatermark migrations', () => {
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

  const entryKinds = async () =>
    (
      await dataSource.query(
        `SELECT count(*) FILTER (WHERE granularity = 'day')::int AS days,
                count(*) FILTER (WHERE xact >= ${TOTALLED_BELOW})::int AS above_the_mark
         FROM ${SENTIMENT_ENTRIES_TABLE}`,
      )
    )[0];

  /** Undoes migrations down to and including `name`. */
  const undoThrough = async (name: string) => {
    for (;;) {
      const [last] = await dataSource.query('SELECT name FROM chronicle_migrations ORDER BY timestamp DESC LIMIT 1');
      await dataSource.undoLastMigration({ transaction: 'each' });
      if (last.name === name) return;
    }
  };

  describe('when the store holds flagged and unflagged day entries', () => {
    it('keeps every hour and day bucket, through both migrations, their undoing and a round', async () => {
      await undoThrough('SentimentHourEntriesOnly1764072800000');
      await dataSource.query(
        `INSERT INTO ${SENTIMENT_ENTRIES_TABLE} (${COLUMNS})
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bool[], $5::int[], $6::int[], $7::int[],
                              $8::int[], $9::int[], $10::bigint[])`,
        OLD_ENTRIES[0]!.map((_, column) => OLD_ENTRIES.map((row) => row[column])),
      );
      const before = await buckets();
      expect(before).toHaveLength(7);

      const applied = (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
      expect(applied.slice(0, 2)).toEqual(['SentimentHourEntriesOnly1764072800000', 'SentimentTotalsWatermark1764073000000']);

      expect(await buckets()).toEqual(before);
      // No day rows; a-1's and a-2's unflagged day entries became one hour entry each, above the mark.
      expect(await entryKinds()).toEqual({ days: 0, above_the_mark: 2 });

      // Undone, the watermark leaves flagged entries and a flagged day row per day, as that version's rounds did.
      await undoThrough('SentimentTotalsWatermark1764073000000');
      expect(await buckets()).toEqual(before);
      const [flags] = await dataSource.query(
        `SELECT count(*) FILTER (WHERE NOT totalled)::int AS unflagged, count(*) FILTER (WHERE granularity = 'day')::int AS days
         FROM ${SENTIMENT_ENTRIES_TABLE}`,
      );
      // a-1's and a-3's days; a-2's flagged hours cancel out (its one day entry was unflagged), so it has none.
      expect(flags).toEqual({ unflagged: 2, days: 2 });
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await buckets()).toEqual(before);

      const round = await dataSource.transaction((manager) => totalHourEntries(manager, 100));
      expect(round.totalled).toBe(2);
      expect(await buckets()).toEqual(before);
      expect(await entryKinds()).toEqual({ days: 0, above_the_mark: 0 });
    });
  });
});
