import { ArticleAnalyzedEvent } from '@chronicle/contracts';
import { createDataSource, runMigrations } from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzedEvents } from '../../bench/projection/analyzed-events';
import { readModelChecksums } from '../e2e/support/read-model-checksum';
import { foldAnalyses, retractArticles } from '../support/read-model-fold';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

/** Newer analysed versions of the first `count` articles, with other content. */
function revisions(count: number, firstSourceOffset: number): ArticleAnalyzedEvent[] {
  return analyzedEvents(count, 7).map((event, i) => ({
    ...event,
    id: `${event.id}-revised`,
    data: { ...event.data, sourceOffset: String(firstSourceOffset + i) },
  }));
}

describe('prepareAnalyses', () => {
  const urls: string[] = [];
  const stores: DataSource[] = [];

  async function store(name: string): Promise<DataSource> {
    const url = await createTestDatabase(name);
    urls.push(url);
    await runMigrations(url);
    const dataSource = await createDataSource(url, 2).initialize();
    stores.push(dataSource);
    return dataSource;
  }

  /** New articles, revisions of some, retractions, and a redelivery overlapping what was applied. */
  async function fold(dataSource: DataSource, prepared: boolean): Promise<void> {
    const first = analyzedEvents(300);
    await foldAnalyses(dataSource, first, 40, 0, { prepared });
    await foldAnalyses(dataSource, revisions(60, 10_000), 25, 300, { prepared });
    await retractArticles(dataSource, ['bench-5', 'bench-70', 'bench-71']);
    // Offsets 340..359 were applied: the batch's prepared events are not the fresh ones.
    await foldAnalyses(dataSource, [...revisions(80, 10_000).slice(40), ...analyzedEvents(330).slice(300)], 70, 340, {
      prepared,
    });
  }

  let withPrepared: DataSource;
  let without: DataSource;

  beforeAll(async () => {
    withPrepared = await store('prepared-analyses');
    without = await store('unprepared-analyses');
    await fold(withPrepared, true);
    await fold(without, false);
  });

  afterAll(async () => {
    for (const dataSource of stores) await dataSource.destroy();
    for (const url of urls) await dropTestDatabase(url);
  });

  describe('when batches are prepared before their transaction, through revisions, retractions and a redelivery', () => {
    it('leaves every read model as projecting them unprepared does', async () => {
      const expected = await readModelChecksums(async (sql) => without.query(sql));
      expect(expected.statements!.rows).toBeGreaterThan(1000);
      expect(await readModelChecksums(async (sql) => withPrepared.query(sql))).toEqual(expected);
    });
  });
});
