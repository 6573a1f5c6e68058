import {
  ACTOR_PAIR_ENTRIES_TABLE,
  ACTOR_PAIR_KEYS_TABLE,
  ACTOR_PAIR_VECTORS_TABLE,
  PACKED_ROWS_PER_WEEK,
  packedSlots,
  Ledger,
  FOLDED_ENTRIES_PER_HOUR,
  SENTIMENT_ENTRIES_TABLE,
  SENTIMENT_LEDGER,
  TOTALLED_BELOW,
  totalHourEntries,
} from '@chronicle/read-models';
import {
  createDataSource,
  createShadowSchema,
  deriveDeferredAggregates,
  dropSchema,
  projectionNamed,
  runMigrations,
  swapShadowIn,
} from '@chronicle/persistence';
import { loadConfig } from '@chronicle/config';
import { MetricsRegistry } from '@chronicle/platform';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerCompactionWorker, PACKED_ENTRIES_PER_TICK } from '../../apps/project/src/ledgers/ledger-compaction.worker';
import { analyzedEvents } from '@chronicle/test-support';
import { readModelChecksums } from '../e2e/support/read-model-checksum';
import { analysesAt, retractionsAt } from '../support/projector-log-fold';
import { foldAnalyses, retractArticles } from '../support/read-model-fold';
import { readModelDifferences, referenceReadModels } from '../support/reference-read-models';
import { createTestDatabase, dropTestDatabase, waitFor } from '../support/test-environment';

/** Running totals rounds until one has nothing to add; returns the entries they added. */
async function totalAll(dataSource: DataSource): Promise<number> {
  let moved = 0;
  for (;;) {
    const round = await dataSource.transaction((manager) => totalHourEntries(manager, 100_000));
    expect(round.ran).toBe(true);
    if (round.totalled === 0) return moved;
    moved += round.totalled;
  }
}

const count = async (dataSource: DataSource, sql: string): Promise<number> => Number((await dataSource.query(sql))[0].n);

/** Weeks of packed co-mentions with as many change rows as a packing round merges, or more. */
const crowdedWeeks = (dataSource: DataSource) =>
  count(
    dataSource,
    `SELECT count(*) AS n FROM (SELECT FROM ${ACTOR_PAIR_VECTORS_TABLE} WHERE part <> 0
       GROUP BY actor_id, week HAVING count(*) >= ${PACKED_ROWS_PER_WEEK}) w`,
  );

/**
 * Turns every change row of the packed weeks back into ledger entries (one per slot), in one transaction, as a store
 * written before projector batches added change rows holds its co-mentions: reads sum both, so none changes.
 */
const changeRowsAsLedgerEntries = (dataSource: DataSource) =>
  dataSource.query(
    `WITH moved AS (DELETE FROM ${ACTOR_PAIR_VECTORS_TABLE} WHERE part <> 0 RETURNING actor_id, week, others)
     INSERT INTO ${ACTOR_PAIR_ENTRIES_TABLE} (actor_id, week, other_actor_id, articles)
     SELECT m.actor_id, m.week, k.actor_id, s.articles FROM moved m
     CROSS JOIN LATERAL ${packedSlots('m')} s
     JOIN ${ACTOR_PAIR_KEYS_TABLE} k ON k.key = s.key`,
  );

/** A ledger's entries, its keys with several entries, and its keys whose articles sum to zero. */
async function ledgerShape(dataSource: DataSource, { entries, key }: Ledger) {
  const keys = (having: string) =>
    count(dataSource, `SELECT count(*) AS n FROM (SELECT 1 FROM ${entries} GROUP BY ${key.join(', ')} HAVING ${having}) k`);
  return {
    entries: await count(dataSource, `SELECT count(*) AS n FROM ${entries}`),
    crowded: await keys('count(*) > 1'),
    empty: await keys('sum(articles) = 0'),
  };
}

describe('ledger rounds: sentiment running totals and co-mention packing', () => {
  let url: string;
  let dataSource: DataSource;
  const checksums = () => readModelChecksums(async (sql) => dataSource.query(sql));
  const retracted = ['bench-1', 'bench-2', 'bench-3', 'bench-4', 'bench-5', 'bench-6', 'bench-7', 'bench-8'];
  /** Rows that differ from an independent fold of what `beforeAll` folded: `{}` when none. */
  const differencesFromReference = () =>
    readModelDifferences(
      (sql, params) => dataSource.query(sql, params),
      referenceReadModels({ analyses: analysesAt(analyzedEvents(600)), articles: retractionsAt(retracted) }),
    );

  beforeAll(async () => {
    url = await createTestDatabase('ledger-compaction');
    await runMigrations(url);
    dataSource = await createDataSource(url, 4).initialize();
    // Small batches, as a caught-up service gets them: popular actors' hours get an entry per batch.
    await foldAnalyses(dataSource, analyzedEvents(600), 20);
    await retractArticles(dataSource, retracted);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  const entriesWhere = (where: string) =>
    count(dataSource, `SELECT count(*) AS n FROM ${SENTIMENT_ENTRIES_TABLE} WHERE ${where}`);
  const aboveTheMark = `xact >= ${TOTALLED_BELOW}`;
  /** The most entries any (actor, hour) has. */
  const mostEntriesPerHour = () =>
    count(
      dataSource,
      `SELECT coalesce(max(n), 0) AS n FROM (SELECT count(*) AS n FROM ${SENTIMENT_ENTRIES_TABLE} GROUP BY actor_id, bucket_start) h`,
    );

  describe('when batches appended hour entries, several per hour, some cancelling out', () => {
    it('adds every entry to the running totals, writing none, and leaves every bucket as it was', async () => {
      expect(await differencesFromReference()).toEqual({});
      const before = await checksums();
      const shape = await ledgerShape(dataSource, SENTIMENT_LEDGER);
      expect(shape.crowded).toBeGreaterThan(100);
      expect(shape.empty).toBeGreaterThan(0);
      // Batches append hour entries only (days are summed from them), and none is in the totals yet.
      expect(await entriesWhere(`granularity <> 'hour'`)).toBe(0);
      expect(await entriesWhere(aboveTheMark)).toBe(shape.entries);

      expect(await totalAll(dataSource)).toBe(shape.entries);

      expect(await checksums()).toEqual(before);
      expect(await differencesFromReference()).toEqual({});
      expect(await entriesWhere(aboveTheMark)).toBe(0);
      expect((await ledgerShape(dataSource, SENTIMENT_LEDGER)).entries).toBeLessThanOrEqual(shape.entries);
      expect(await mostEntriesPerHour()).toBeLessThan(FOLDED_ENTRIES_PER_HOUR);
    });

    it('has nothing left to do on a second pass', async () => {
      expect(await totalAll(dataSource)).toBe(0);
    });
  });

  describe('when a batch appends entries while a round runs', () => {
    it('keeps the entries the round could not see', async () => {
      await foldAnalyses(dataSource, analyzedEvents(700).slice(600), 20, 600);
      const [hour] = await dataSource.query(
        `SELECT actor_id, bucket_start, articles FROM actor_sentiment WHERE granularity = 'hour' ORDER BY articles DESC LIMIT 1`,
      );
      const batch = dataSource.createQueryRunner();
      await batch.connect();
      try {
        await batch.startTransaction();
        await batch.query(
          `INSERT INTO ${SENTIMENT_ENTRIES_TABLE}
             (actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros)
           VALUES ($1, 'hour', $2, 1, 1, 1, 0, 0, 250000)`,
          [hour.actor_id, hour.bucket_start],
        );
        const [dayBefore] = await dataSource.query(
          `SELECT articles FROM actor_sentiment WHERE granularity = 'day' AND actor_id = $1 AND bucket_start = date_trunc('day', $2::timestamptz, 'UTC')`,
          [hour.actor_id, hour.bucket_start],
        );
        expect(await totalAll(dataSource)).toBeGreaterThan(0);
        await batch.commitTransaction();
        const [after] = await dataSource.query(
          `SELECT h.articles AS hour, d.articles AS day FROM actor_sentiment h JOIN actor_sentiment d
             ON d.actor_id = h.actor_id AND d.granularity = 'day' AND d.bucket_start = date_trunc('day', h.bucket_start, 'UTC')
           WHERE h.granularity = 'hour' AND h.actor_id = $1 AND h.bucket_start = $2`,
          [hour.actor_id, hour.bucket_start],
        );
        expect(after).toEqual({ hour: hour.articles + 1, day: dayBefore.articles + 1 });
        expect(await entriesWhere(aboveTheMark)).toBe(1);
      } finally {
        await batch.release();
      }
    });
  });

  describe("when the project service's worker ticks", () => {
    it('moves every new sentiment entry into the running totals, merges crowded weeks of co-mentions and packs the entries an older store left, and counts them', async () => {
      await changeRowsAsLedgerEntries(dataSource);
      // Batches of 5: popular actors' weeks get a change row per batch, more than a round leaves.
      await foldAnalyses(dataSource, analyzedEvents(800).slice(700), 5, 700);
      const before = await checksums();
      const pairEntries = await count(dataSource, `SELECT count(*) AS n FROM ${ACTOR_PAIR_ENTRIES_TABLE}`);
      const crowded = await crowdedWeeks(dataSource);
      expect(crowded).toBeGreaterThan(0);
      const metrics = new MetricsRegistry('project');
      const worker = new LedgerCompactionWorker(dataSource, metrics, loadConfig({ SENTIMENT_COMPACTION_INTERVAL_MS: '0' }));
      const entries = await count(dataSource, `SELECT count(*) AS n FROM ${SENTIMENT_ENTRIES_TABLE}`);
      await worker.tick();
      const folded = (await metrics.sentimentEntriesCompacted.get()).values[0]?.value ?? 0;
      expect(await count(dataSource, `SELECT count(*) AS n FROM ${SENTIMENT_ENTRIES_TABLE}`)).toBeLessThanOrEqual(
        entries - folded + Math.ceil(folded / FOLDED_ENTRIES_PER_HOUR),
      );
      // More co-mention entries than a tick packs: the rest wait for the next tick, and the gauge says how many.
      expect(pairEntries).toBeGreaterThan(PACKED_ENTRIES_PER_TICK);
      const gauge = async (metric: Counter | Gauge) => (await metric.get()).values[0]?.value;
      expect(await gauge(metrics.actorPairEntriesPacked)).toBe(PACKED_ENTRIES_PER_TICK);
      expect(await gauge(metrics.actorPairEntriesPending)).toBe(pairEntries - PACKED_ENTRIES_PER_TICK);
      expect(await gauge(metrics.actorPairWeeksMerged)).toBeGreaterThanOrEqual(crowded);
      expect(await checksums()).toEqual(before);
      await worker.tick();
      expect(await gauge(metrics.actorPairEntriesPacked)).toBe(pairEntries);
      expect(await gauge(metrics.actorPairEntriesPending)).toBe(0);
      expect(await count(dataSource, `SELECT count(*) AS n FROM ${ACTOR_PAIR_ENTRIES_TABLE}`)).toBe(0);
      expect(await crowdedWeeks(dataSource)).toBe(0);
      expect(await checksums()).toEqual(before);
      expect(await checksums()).toEqual(before);

      expect(await entriesWhere(aboveTheMark)).toBe(0);
      expect(await gauge(metrics.sentimentEntriesPending)).toBe(0);
      const totalled = (await metrics.sentimentEntriesTotalled.get()).values[0]?.value ?? 0;
      expect(totalled).toBeGreaterThan(0);
      expect(await count(dataSource, 'SELECT count(*) AS n FROM actor_totals_by_day')).toBeGreaterThan(0);
    });
  });

  describe("when a rebuild's aggregates are still deferred", () => {
    it('leaves the ledgers to the derivations, and works on them once the gate flips', async () => {
      await createShadowSchema(dataSource, projectionNamed('read-models'), 'shadow_deferred');
      const shadow = await createDataSource(url, 2, 'shadow_deferred').initialize();
      try {
        // Incremental batches, so the shadow holds entries a round would fold and total, and weeks it would merge.
        await foldAnalyses(shadow, analyzedEvents(80), 2);
        const ledgers = async () => ({
          sentiment: await count(shadow, `SELECT count(*) AS n FROM ${SENTIMENT_ENTRIES_TABLE}`),
          totalled: await count(shadow, `SELECT count(*) AS n FROM ${SENTIMENT_ENTRIES_TABLE} WHERE xact < ${TOTALLED_BELOW}`),
          crowdedWeeks: await crowdedWeeks(shadow),
        });
        const before = await ledgers();
        expect(before.crowdedWeeks).toBeGreaterThan(0);
        // As `chronicle replay` starts its projector: deferred aggregates, the shadow as its schema.
        const config = loadConfig({
          SENTIMENT_COMPACTION_INTERVAL_MS: '0',
          PROJECTION_AGGREGATES: 'deferred',
          DATABASE_SCHEMA: 'shadow_deferred',
        });
        const worker = new LedgerCompactionWorker(shadow, new MetricsRegistry('project'), config);
        await worker.tick();
        expect(await ledgers()).toEqual(before);

        await shadow.query('UPDATE aggregate_build SET deferred = false');
        await worker.tick();
        const after = await ledgers();
        expect(after.crowdedWeeks).toBe(0);
        expect(after.totalled).toBeGreaterThan(0);
      } finally {
        await shadow.destroy();
        await dropSchema(dataSource, 'shadow_deferred');
      }
    });
  });

  describe('when another process is compacting', () => {
    it('skips the round', async () => {
      const holder = dataSource.createQueryRunner();
      await holder.connect();
      try {
        await holder.startTransaction();
        expect((await totalHourEntries(holder.manager, 1_000)).ran).toBe(true);
        const other = await dataSource.transaction((manager) => totalHourEntries(manager, 1_000));
        expect(other).toEqual({ ran: false, totalled: 0, rowsWritten: 0, entriesRemoved: 0, entriesAdded: 0 });
        await holder.commitTransaction();
      } finally {
        await holder.release();
      }
    });
  });

  describe('when a rebuild swaps its shadow in while a compaction round runs in the shadow', () => {
    it('holds the ledger before the compaction row, as the swap locks them, and the swap goes through once the round commits', async () => {
      const readModels = projectionNamed('read-models');
      await createShadowSchema(dataSource, readModels, 'shadow_compacting');
      const shadow = await createDataSource(url, 2, 'shadow_compacting').initialize();
      const round = shadow.createQueryRunner();
      try {
        await foldAnalyses(shadow, analyzedEvents(300), 30);
        expect(await deriveDeferredAggregates(dataSource, readModels, 'shadow_compacting')).toBe(true);
        const shadowBuckets = await count(shadow, 'SELECT count(*) AS n FROM actor_sentiment');

        // The round held below finds nothing to do: it still takes the ledger's lock first.
        await totalAll(shadow);
        await round.connect();
        await round.startTransaction();
        expect((await totalHourEntries(round.manager, 1_000)).ran).toBe(true);
        const [held] = await round.query(
          `SELECT count(*)::int AS n FROM pg_locks
           WHERE pid = pg_backend_pid() AND relation = '${SENTIMENT_ENTRIES_TABLE}'::regclass AND mode = 'RowExclusiveLock' AND granted`,
        );
        expect(held.n).toBe(1);

        const swap = swapShadowIn(dataSource, readModels, {
          shadowSchema: 'shadow_compacting',
          liveConsumer: 'no-live-projector',
          shadowConsumer: 'read-model-fold',
          retiredSchema: 'retired_compacting',
        });
        await waitFor(
          () =>
            count(
              dataSource,
              `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
            ),
          { until: (waiting) => waiting > 0 },
        );
        await round.commitTransaction();
        expect(await swap).toEqual({ swapped: true, retiredSchema: 'retired_compacting' });
        expect(await count(dataSource, 'SELECT count(*) AS n FROM public.actor_sentiment')).toBe(shadowBuckets);
      } finally {
        await round.release();
        await shadow.destroy();
        await dropSchema(dataSource, 'retired_compacting');
        await dropSchema(dataSource, 'shadow_compacting');
      }
    });
  });
});
