import { ArticleAnalyzedEvent } from '@chronicle/contracts';
import { createDataSource, runMigrations } from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzedEvents } from '@chronicle/test-support';
import { readModelChecksums } from '../e2e/support/read-model-checksum';
import { analysesAt, DeadLetteredEvent, foldTopicInBatches, retractionsAt } from '../support/projector-log-fold';
import { readModelDifferences, referenceReadModels } from '../support/reference-read-models';
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

  const revised = revisions(80, 10_000);
  /** The log `fold` reads: analyses at offsets 0..409 (340..359 delivered twice) and three retractions. */
  const log = {
    analyses: analysesAt([...analyzedEvents(300), ...revised, ...analyzedEvents(330).slice(300)]),
    articles: retractionsAt(['bench-5', 'bench-70', 'bench-71']),
  };

  /**
   * New articles, revisions of some, retractions, and a redelivery overlapping what was applied
   * (offsets 340..359 again: the batch's prepared events are not the fresh ones). Returns the
   * events the projector failed on.
   */
  async function fold(dataSource: DataSource, prepared: boolean): Promise<DeadLetteredEvent[]> {
    const options = { consumer: 'project', prepared };
    return [
      ...(await foldTopicInBatches(dataSource, 'analyses', log.analyses.slice(0, 300), 40, options)),
      ...(await foldTopicInBatches(dataSource, 'analyses', log.analyses.slice(300, 360), 25, options)),
      ...(await foldTopicInBatches(dataSource, 'articles', log.articles, 3, options)),
      ...(await foldTopicInBatches(dataSource, 'analyses', log.analyses.slice(340), 70, options)),
    ];
  }

  let withPrepared: DataSource;
  let without: DataSource;
  const deadLettered: Record<string, DeadLetteredEvent[]> = {};

  beforeAll(async () => {
    withPrepared = await store('prepared-analyses');
    without = await store('unprepared-analyses');
    deadLettered.prepared = await fold(withPrepared, true);
    deadLettered.unprepared = await fold(without, false);
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

    it('leaves, prepared or not, exactly what an independent fold of the log computes', async () => {
      const reference = referenceReadModels(log);
      const differences = async (store: DataSource) => readModelDifferences((sql, params) => store.query(sql, params), reference);
      expect({ deadLettered, prepared: await differences(withPrepared), unprepared: await differences(without) }).toEqual({
        deadLettered: { prepared: [], unprepared: [] },
        prepared: {},
        unprepared: {},
      });
    });
  });
});
