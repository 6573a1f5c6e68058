import { ArticleAnalyzedEvent, ArticleRetractedEvent, EventBatch, PositionedEvent } from '@chronicle/contracts';
import {
  AGGREGATE_GATE_TABLE,
  applyBatchOnce,
  createDataSource,
  deriveDeferredAggregates,
  createShadowSchema,
  projectionNamed,
  runMigrations,
  swapShadowIn,
} from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectAnalyses, projectLifecycle } from '../../apps/project/src/read-models/read-model.projector';
import { PgReadModelTransaction } from '../../apps/project/src/read-models/read-model-transaction';
import { analyzedEvents } from '@chronicle/test-support';
import { readModelChecksums } from '../e2e/support/read-model-checksum';
import { analysesAt, retractionsAt } from '../support/projector-log-fold';
import { retraction } from '../support/read-model-fold';
import { readModelDifferences, ReferenceLog, referenceReadModels } from '../support/reference-read-models';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

type Mode = 'incremental' | 'deferred';

/** Re-analyses of `articles` with other content (another seed), as a newer article version. */
function reanalyses(count: number, seed: number, versionOffset: number): ArticleAnalyzedEvent[] {
  return analyzedEvents(count, seed).map((event, i) => ({
    ...event,
    id: `${event.id}-r${seed}`,
    data: { ...event.data, sourceOffset: String(versionOffset + i) },
  }));
}

/** One database folding the same log, with a position per topic as the project service keeps. */
class Store {
  readonly next = { analyses: 0, articles: 0 };
  /** Everything folded so far, as the two topics would hold it. */
  readonly log: ReferenceLog = { articles: [], analyses: [] };

  constructor(
    readonly dataSource: DataSource,
    readonly mode: Mode,
  ) {}

  async analyses(events: ArticleAnalyzedEvent[], batchSize = 150): Promise<void> {
    for (let start = 0; start < events.length; start += batchSize) {
      const slice = events.slice(start, start + batchSize);
      const first = this.next.analyses;
      this.next.analyses += slice.length;
      this.log.analyses.push(...analysesAt(slice, first));
      const batch: EventBatch<ArticleAnalyzedEvent> = {
        consumer: 'derivation-test',
        topic: 'chronicle.analyses.v1',
        partition: 0,
        events: slice.map((event, i) => ({ event, offset: String(first + i), key: event.data.articleId })),
        nextOffset: BigInt(this.next.analyses),
      };
      await applyBatchOnce(this.dataSource, batch, (manager, fresh) =>
        projectAnalyses(
          new PgReadModelTransaction(manager, this.mode),
          fresh.map((e) => e.event),
        ),
      );
    }
  }

  /** Retractions at articles-topic offsets above every analysed version's `sourceOffset`. */
  async retract(articleIds: string[]): Promise<void> {
    const first = 1_000_000 + this.next.articles;
    this.next.articles += articleIds.length;
    this.log.articles.push(...retractionsAt(articleIds, first));
    const events: Array<PositionedEvent<ArticleRetractedEvent>> = articleIds.map((id, i) => ({
      event: retraction(id),
      offset: String(first + i),
      key: id,
    }));
    const batch = {
      consumer: 'derivation-test',
      topic: 'chronicle.articles.v1',
      partition: 0,
      events,
      nextOffset: BigInt(first + events.length),
    };
    await applyBatchOnce(this.dataSource, batch, (manager, fresh) =>
      projectLifecycle(new PgReadModelTransaction(manager, this.mode), fresh),
    );
  }

  checksums() {
    return readModelChecksums(async (sql) => this.dataSource.query(sql));
  }

  /** Rows that differ from an independent fold of everything folded into `this`: `{}` when none. */
  differencesFromReference() {
    return readModelDifferences((sql, params) => this.dataSource.query(sql, params), referenceReadModels(this.log));
  }
}

describe('deriveDeferredAggregates', () => {
  const urls: string[] = [];
  let incremental: Store;
  let deferred: Store;

  async function store(name: string, mode: Mode): Promise<Store> {
    const url = await createTestDatabase(name);
    urls.push(url);
    await runMigrations(url);
    const dataSource = await createDataSource(url, 2).initialize();
    if (mode === 'deferred') {
      // As a rebuild's shadow schema has it.
      await dataSource.query(`CREATE TABLE ${AGGREGATE_GATE_TABLE} (deferred boolean NOT NULL)`);
      await dataSource.query(`INSERT INTO ${AGGREGATE_GATE_TABLE} VALUES (true)`);
    }
    return new Store(dataSource, mode);
  }

  /** The same log into both stores; the deferred one derives its aggregates after `derivedAfter` steps. */
  async function fold(steps: Array<(s: Store) => Promise<void>>, derivedAfter: number): Promise<void> {
    for (const [i, step] of steps.entries()) {
      await step(incremental);
      await step(deferred);
      if (i + 1 === derivedAfter) {
        expect(await deriveDeferredAggregates(deferred.dataSource, projectionNamed('read-models'), 'public')).toBe(true);
      }
    }
  }

  beforeAll(async () => {
    incremental = await store('derivation-incremental', 'incremental');
    deferred = await store('derivation-deferred', 'deferred');
  });

  afterAll(async () => {
    await incremental?.dataSource.destroy();
    await deferred?.dataSource.destroy();
    for (const url of urls) await dropTestDatabase(url);
  });

  describe('when a rebuild loads rows with revisions and retractions, derives, then folds more of the log', () => {
    it('ends with every read model equal to an incremental fold of the same log', async () => {
      const first = analyzedEvents(600);
      await fold(
        [
          (s) => s.analyses(first),
          (s) => s.analyses(reanalyses(120, 7, 10_000)),
          (s) => s.retract(['bench-3', 'bench-50', 'bench-51', 'bench-400']),
          // After the derivation: more articles, revisions and retractions, maintained incrementally.
          (s) => s.analyses(analyzedEvents(800).slice(600)),
          (s) => s.analyses(reanalyses(60, 11, 20_000)),
          (s) => s.retract(['bench-7', 'bench-700']),
        ],
        3,
      );
      const expected = await incremental.checksums();
      expect(expected.actor_sentiment!.rows).toBeGreaterThan(1000);
      expect(await deferred.checksums()).toEqual(expected);
    });

    it('ends, derived or incremental, with exactly what an independent fold of the log computes', async () => {
      expect(await incremental.differencesFromReference()).toEqual({});
      expect(await deferred.differencesFromReference()).toEqual({});
    });

    it('gave the planner statistics of every loaded row table before deriving', async () => {
      const rows: Array<{ relname: string; analyzed: boolean }> = await deferred.dataSource.query(
        `SELECT relname, last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables
         WHERE schemaname = 'public' AND relname = ANY($1) ORDER BY relname`,
        [['articles', 'mentions', 'statements']],
      );
      expect(rows).toEqual([
        { relname: 'articles', analyzed: true },
        { relname: 'mentions', analyzed: true },
        { relname: 'statements', analyzed: true },
      ]);
    });

    it('derives only once', async () => {
      expect(await deriveDeferredAggregates(deferred.dataSource, projectionNamed('read-models'), 'public')).toBe(false);
    });
  });

  describe('when rows are loaded but the aggregates are still deferred', () => {
    it('leaves the aggregate tables empty', async () => {
      const url = await createTestDatabase('derivation-pending');
      urls.push(url);
      await runMigrations(url);
      const dataSource = await createDataSource(url, 2).initialize();
      try {
        await dataSource.query(`CREATE TABLE ${AGGREGATE_GATE_TABLE} (deferred boolean NOT NULL)`);
        await dataSource.query(`INSERT INTO ${AGGREGATE_GATE_TABLE} VALUES (true)`);
        await new Store(dataSource, 'deferred').analyses(analyzedEvents(50));
        const [counts] = await dataSource.query(
          'SELECT (SELECT count(*)::int FROM mentions) AS mentions, (SELECT count(*)::int FROM actors) AS actors, (SELECT count(*)::int FROM actor_sentiment) AS buckets',
        );
        expect(counts.mentions).toBeGreaterThan(0);
        expect({ actors: counts.actors, buckets: counts.buckets }).toEqual({ actors: 0, buckets: 0 });
      } finally {
        await dataSource.destroy();
      }
    });
  });

  describe('when a derivation fails midway', () => {
    let url: string;
    let dataSource: DataSource;
    const readModels = projectionNamed('read-models');

    beforeAll(async () => {
      url = await createTestDatabase('derivation-failure');
      urls.push(url);
      await runMigrations(url);
      dataSource = await createDataSource(url, 3).initialize();
      await createShadowSchema(dataSource, readModels, 'shadow_failure');
    });

    afterAll(async () => {
      await dataSource?.destroy();
    });

    it('keeps the gate deferred, and a second call derives what an incremental fold holds', async () => {
      const shadow = await createDataSource(url, 2, 'shadow_failure').initialize();
      try {
        const events = analyzedEvents(200);
        const loaded = new Store(shadow, 'deferred');
        await loaded.analyses(events);
        const failing = {
          ...readModels,
          aggregateDerivations: [
            ...readModels.aggregateDerivations!,
            { tables: ['outlets'], derive: () => Promise.reject(new Error('derivation failed')) },
          ],
        };
        await expect(deriveDeferredAggregates(dataSource, failing, 'shadow_failure')).rejects.toThrow('derivation failed');
        const [gate] = await shadow.query(`SELECT deferred FROM ${AGGREGATE_GATE_TABLE}`);
        expect(gate.deferred).toBe(true);

        expect(await deriveDeferredAggregates(dataSource, readModels, 'shadow_failure')).toBe(true);
        const reference = await store('derivation-failure-reference', 'incremental');
        try {
          await reference.analyses(events);
          expect(await readModelChecksums(async (sql) => shadow.query(sql))).toEqual(await reference.checksums());
          expect(await loaded.differencesFromReference()).toEqual({});
        } finally {
          await reference.dataSource.destroy();
        }
      } finally {
        await shadow.destroy();
      }
    });

    it('refuses to swap in a shadow whose aggregates are still deferred', async () => {
      await createShadowSchema(dataSource, readModels, 'shadow_pending');
      await expect(
        swapShadowIn(dataSource, readModels, {
          shadowSchema: 'shadow_pending',
          liveConsumer: 'live',
          shadowConsumer: 'shadow',
          retiredSchema: 'retired_pending',
        }),
      ).rejects.toThrow(/still has its aggregates deferred/);
    });
  });
});
