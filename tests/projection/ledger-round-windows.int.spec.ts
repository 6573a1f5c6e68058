import {
  ACTOR_PAIR_VECTORS_TABLE,
  packActorPairEntries,
  PACKED_ROWS_PER_WEEK,
  SENTIMENT_ENTRIES_TABLE,
  totalHourEntries,
} from '@chronicle/read-models';
import { createDataSource, runMigrations } from '@chronicle/persistence';
import { analyzedEvents } from '@chronicle/test-support';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsRead } from '../read-models/support/plan-nodes';
import { planRecordingRunner } from '../support/plan-recorder';
import { foldAnalyses } from '../support/read-model-fold';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

const count = async (dataSource: DataSource, sql: string): Promise<number> => Number((await dataSource.query(sql))[0].n);

/**
 * A ledger round reads what batches wrote since the last round, not the ledger's history: with history left unread
 * the rounds of a store that has run for months cost what they cost on its first day.
 */
describe('ledger rounds read the window since their mark', () => {
  let url: string;
  let dataSource: DataSource;

  /** Both rounds, in one transaction each, with the plans of every statement they sent. */
  const roundsRecorded = async () => {
    const sentiment = await dataSource.transaction(async (manager) => {
      const { runner, plans } = planRecordingRunner(manager);
      return { round: await totalHourEntries(runner, 50_000), plans };
    });
    const pairs = await dataSource.transaction(async (manager) => {
      const { runner, plans } = planRecordingRunner(manager);
      return { round: await packActorPairEntries(runner, 50_000), plans };
    });
    return { sentiment, pairs };
  };

  beforeAll(async () => {
    url = await createTestDatabase('ledger-round-windows');
    await runMigrations(url);
    dataSource = await createDataSource(url, 4).initialize();
    // Small batches, as a caught-up service gets them: many change rows and hour entries, most weeks never crowded.
    await foldAnalyses(dataSource, analyzedEvents(500), 10);
    const first = await roundsRecorded();
    expect(first.sentiment.round.totalled).toBeGreaterThan(0);
    expect(first.pairs.round.weeksMerged).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  describe('when one batch was folded since the last rounds', () => {
    it('reads that batch’s entries and change rows and the weeks it touched, not the ledgers’ history', async () => {
      const changeRows = `SELECT count(*) AS n FROM ${ACTOR_PAIR_VECTORS_TABLE} WHERE part <> 0`;
      const changeRowsBefore = await count(dataSource, changeRows);
      const entriesBefore = await count(dataSource, `SELECT count(*) AS n FROM ${SENTIMENT_ENTRIES_TABLE}`);
      await foldAnalyses(dataSource, analyzedEvents(503).slice(500), 10, 500);
      const written = {
        changeRows: (await count(dataSource, changeRows)) - changeRowsBefore,
        entries: (await count(dataSource, `SELECT count(*) AS n FROM ${SENTIMENT_ENTRIES_TABLE}`)) - entriesBefore,
      };
      expect(written.changeRows).toBeGreaterThan(0);
      expect(written.entries).toBeGreaterThan(0);
      // History dwarfs the batch, so a round that scans it cannot pass for one that reads the window.
      expect(changeRowsBefore).toBeGreaterThan(20 * written.changeRows);
      expect(entriesBefore).toBeGreaterThan(20 * written.entries);

      const { sentiment, pairs } = await roundsRecorded();

      expect(sentiment.round.totalled).toBe(written.entries);
      // The window's entries, once per statement that reads them, and the entries of the hours it probes (every actor's,
      // where the planner, without statistics, probes an hour through the index on its start alone). Scanning the
      // ledger reads all of it in each of two statements.
      expect(rowsRead(sentiment.plans, [SENTIMENT_ENTRIES_TABLE])).toBeLessThan(entriesBefore / 2);
      // The window's change rows and the rows of the weeks they touched (at most a crowded week's each).
      expect(rowsRead(pairs.plans, [ACTOR_PAIR_VECTORS_TABLE])).toBeLessThanOrEqual(
        written.changeRows * (2 + 2 * PACKED_ROWS_PER_WEEK),
      );
    });
  });

  describe('when nothing was folded since the last rounds', () => {
    it('reads no change row', async () => {
      await roundsRecorded();
      const { pairs } = await roundsRecorded();
      expect(rowsRead(pairs.plans, [ACTOR_PAIR_VECTORS_TABLE])).toBe(0);
    });
  });
});
