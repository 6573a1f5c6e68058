import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_MODEL_QUERIES } from '../e2e/support/read-model-checksum';
import { foldedHistoryDatabase, rowsChecksum } from '../support/folded-history';
import { dropTestDatabase } from '../support/test-environment';

/** Co-mentions per actor, UTC day or week (as `unit` gives it) and other actor, counted from the mentions. */
const recount = (unit: string) => `
  SELECT m.actor_id, ${unit} AS at, o.actor_id AS other_actor_id, count(*)::int AS articles
  FROM mentions m JOIN mentions o ON o.article_id = m.article_id AND o.actor_id <> m.actor_id GROUP BY 1, 2, 3`;
const DAY = `(m.seen_at AT TIME ZONE 'UTC')::date`;
const WEEK = `date_trunc('week', m.seen_at AT TIME ZONE 'UTC')::date`;

describe('the ActorPairsByWeek and ActorPairEntries migrations', () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ url, dataSource } = await foldedHistoryDatabase('actor-pairs-by-week-migration'));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  describe('when applied to pairs counted per day', () => {
    it('sum them into the weeks the projection counts, kept through the ledger', async () => {
      const weeks = await rowsChecksum(dataSource, READ_MODEL_QUERIES.actor_pairs!);
      expect(weeks).toEqual(await rowsChecksum(dataSource, recount(WEEK)));

      // Back to the table ActorPairsByWeek left: later migrations (ActorPairEntries, the ledger, among them)
      // undone first, then it.
      const undone: string[] = [];
      for (;;) {
        const [last] = await dataSource.query('SELECT name FROM chronicle_migrations ORDER BY timestamp DESC LIMIT 1');
        await dataSource.undoLastMigration({ transaction: 'each' });
        undone.push(last.name);
        if (last.name === 'ActorPairsByWeek1764070600000') break;
      }
      expect(undone.slice(-2)).toEqual(['ActorPairEntries1764070800000', 'ActorPairsByWeek1764070600000']);
      // The table as the day-counting projection left it: one row per actor, UTC day and other actor.
      await dataSource.query('DELETE FROM actor_pairs');
      await dataSource.query(`INSERT INTO actor_pairs (actor_id, day, other_actor_id, articles) ${recount(DAY)}`);
      const days = await rowsChecksum(dataSource, 'SELECT actor_id, day, other_actor_id, articles FROM actor_pairs');
      expect(days.rows).toBeGreaterThan(weeks.rows);

      await dataSource.runMigrations({ transaction: 'each' });
      expect(await rowsChecksum(dataSource, READ_MODEL_QUERIES.actor_pairs!)).toEqual(weeks);
    });
  });
});
