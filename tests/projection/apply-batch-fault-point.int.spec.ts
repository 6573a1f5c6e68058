import { applyBatchOnce, createDataSource, runMigrations } from '@chronicle/persistence';
import { seededRandom } from '@chronicle/domain';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAULT_POINT_ENV,
  holdFaultPoint,
  holdingPositions,
  releaseFaultPoint,
  requestPositionsLock,
  waitAtFaultPoint,
  waitUntilGone,
} from '../support/fault-point';
import { generatedLog } from '../support/generated-log';
import { ANALYSES_TOPIC, applyAnalysesBatch, ARTICLES_TOPIC, foldLogThroughProjector } from '../support/projector-log-fold';
import {
  logBefore,
  readModelDifferences,
  ReferenceLog,
  referenceReadModels,
  SqlQuery,
  storedLogPositions,
} from '../support/reference-read-models';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

const TOPICS = { articles: ARTICLES_TOPIC, analyses: ANALYSES_TOPIC };
const CONSUMER = 'project';

const queryOf =
  (client: Client): SqlQuery =>
  async <T>(sql: string, params?: unknown[]) =>
    (await client.query(sql, params)).rows as T[];

/**
 * What the store shows right now, compared with the reference of exactly the events below the
 * positions it shows: `{}` when effects and positions were committed together.
 */
async function differencesFromItsPositions(query: SqlQuery, log: ReferenceLog) {
  const positions = await storedLogPositions(query, TOPICS);
  return readModelDifferences(query, referenceReadModels(logBefore(log, positions)));
}

describe(applyBatchOnce.name, () => {
  // The whole log; its analyses after the first 60 are applied by the tests, 15 per batch.
  const log = generatedLog(91, 90);
  const applied = 60;
  let url: string;
  let store: DataSource;
  const clients: Client[] = [];
  let holder: Client;
  let observer: SqlQuery;

  beforeAll(async () => {
    process.env.CHRONICLE_FAULT_POINT = FAULT_POINT_ENV.CHRONICLE_FAULT_POINT;
    url = await createTestDatabase('apply-batch-fault-point');
    await runMigrations(url);
    store = await createDataSource(url, 3).initialize();
    for (let i = 0; i < 3; i += 1) {
      const client = new Client({ connectionString: url });
      await client.connect();
      clients.push(client);
    }
    holder = clients[0]!;
    observer = queryOf(clients[1]!);
    // Nobody holds the fault point yet: batches pass it at once.
    await foldLogThroughProjector(
      store,
      { articles: log.articles, analyses: log.analyses.slice(0, applied) },
      { consumer: CONSUMER, random: seededRandom(91), maxBatch: 10 },
    );
  });

  afterAll(async () => {
    delete process.env.CHRONICLE_FAULT_POINT;
    for (const client of clients) await client.end();
    await store?.destroy();
    if (url) await dropTestDatabase(url);
  });

  /** The next analyses after the stored position, 15 of them. */
  const nextBatch = async () => {
    const from = Number((await storedLogPositions(observer, TOPICS)).analyses.get(0));
    return { from, events: log.analyses.slice(from, from + 15) };
  };
  /** Waits for the batch to stop at the fault point with effects written; fails at once if it ends without stopping there. */
  const stopsAtFaultPoint = (applying: Promise<unknown>): Promise<number[]> =>
    Promise.race([
      waitAtFaultPoint(observer, 10_000),
      applying.then(() => {
        throw new Error('the batch ended without stopping at the fault point with effects written');
      }),
    ]);
  const stateOf = async (query: SqlQuery) => ({
    analysesPosition: Number((await storedLogPositions(query, TOPICS)).analyses.get(0)),
    differences: await differencesFromItsPositions(query, log),
  });

  describe('when a batch transaction stops at the fault point, after its effects', () => {
    it('holds its position row, and shows others neither its effects nor its position yet', async () => {
      const { from, events } = await nextBatch();
      await holdFaultPoint(holder);
      const applying = applyAnalysesBatch(store, CONSUMER, events);
      try {
        const stopped = await stopsAtFaultPoint(applying);
        expect({ holdingPositions: await holdingPositions(observer, stopped), ...(await stateOf(observer)) }).toEqual({
          holdingPositions: stopped,
          analysesPosition: from,
          differences: {},
        });
      } finally {
        await releaseFaultPoint(holder);
      }
      expect(await applying).toEqual({ applied: 15 });
    });
  });

  describe('when its connection dies there', () => {
    it('leaves neither its effects nor its position', async () => {
      const { from, events } = await nextBatch();
      await holdFaultPoint(holder);
      const applying = applyAnalysesBatch(store, CONSUMER, events);
      const outcome = applying.then(
        () => 'committed',
        () => 'failed',
      );
      try {
        const stopped = await stopsAtFaultPoint(applying);
        await observer('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [stopped]);
        await waitUntilGone(observer, stopped);
      } finally {
        await releaseFaultPoint(holder);
      }
      expect(await outcome).toBe('failed');
      expect(await stateOf(observer)).toEqual({ analysesPosition: from, differences: {} });
    });
  });

  describe('when it commits', () => {
    it('makes its effects and its position visible together, in the first moment either can be seen', async () => {
      const { from, events } = await nextBatch();
      const locker = clients[2]!;
      await holdFaultPoint(holder);
      const applying = applyAnalysesBatch(store, CONSUMER, events);
      let positionsLock: { granted: Promise<void> } | undefined;
      try {
        await stopsAtFaultPoint(applying);
        // Granted the moment the batch's transaction ends; no position can be written while it is held.
        positionsLock = await requestPositionsLock(locker, observer);
      } finally {
        await releaseFaultPoint(holder);
      }
      try {
        await positionsLock.granted;
        expect(await stateOf(queryOf(locker))).toEqual({ analysesPosition: from + 15, differences: {} });
      } finally {
        await locker.query('COMMIT');
      }
      expect(await applying).toEqual({ applied: 15 });
    });
  });
});
