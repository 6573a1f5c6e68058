import { NoveltyStatement } from '@chronicle/domain';
import { createDataSource, runMigrations } from '@chronicle/persistence';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AlertRepository,
  CANDIDATE_CLUSTERS_SQL,
  RECORD_MEMBERS_SQL,
  recordMembersParameters,
} from '../../apps/alert/src/matching/alert.repository';
import { placeInClusters } from '../../apps/alert/src/matching/place-in-clusters';
import { planNodes, rowsRead } from '../read-models/support/plan-nodes';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

const ACTORS = ['person:maria-lindqvist', 'person:juan-herrera'];
/** Two near-duplicate prints of one quote (one cluster at the 0.7 threshold) and an unrelated one. */
const TEXTS = [
  'We will not yield an inch of our land to anyone',
  'We will not yield an inch of our land to anyone, ever',
  'The council meets again in spring to settle the budget',
];
const OUTLETS = ['Wire One', 'Daily Two', null];
const INSTANTS = ['2026-01-01T08:00:00.000Z', '2026-01-01T09:30:00.000Z', '2026-01-02T07:45:00.000Z'];

const printArbitrary = fc.record({
  actor: fc.integer({ min: 0, max: ACTORS.length - 1 }),
  text: fc.integer({ min: 0, max: TEXTS.length - 1 }),
  article: fc.integer({ min: 0, max: 4 }),
  outlet: fc.integer({ min: 0, max: OUTLETS.length - 1 }),
  instant: fc.integer({ min: 0, max: INSTANTS.length - 1 }),
});

/** Batches of statements; an index already used is a redelivery of the same statement. */
const historyArbitrary = fc.array(fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 4 }), {
  minLength: 1,
  maxLength: 4,
});

/** What the counts must be: recounted from every member, as they were before they were added to per batch. */
const RECOUNT = `
  SELECT c.id, c.statement_count AS statements, c.article_count AS articles, c.outlet_count, c.outlets, c.last_seen_at
  FROM novelty_clusters c ORDER BY c.id`;
const FROM_MEMBERS = `
  SELECT c.id, count(*)::int AS statements, count(DISTINCT m.article_id)::int AS articles,
         count(DISTINCT m.outlet)::int AS outlet_count,
         COALESCE(array_agg(DISTINCT m.outlet ORDER BY m.outlet) FILTER (WHERE m.outlet IS NOT NULL), '{}') AS outlets,
         max(m.said_at) AS last_seen_at
  FROM novelty_clusters c JOIN novelty_cluster_members m ON m.cluster_id = c.id GROUP BY c.id ORDER BY c.id`;

describe('novelty clusters in PostgreSQL', () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase('novelty-cluster-counts');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  /** One alert batch's clustering, as the matching handler runs it, in one transaction. */
  async function cluster(statements: NoveltyStatement[]): Promise<void> {
    await dataSource.transaction((manager) => placeInClusters(new AlertRepository(manager), statements, 0.7));
  }

  it("find each statement's speaker's clusters that share a shingle with it, in the index alone", async () => {
    await dataSource.query('TRUNCATE novelty_clusters CASCADE');
    // A speaker quoted in every article (as the pipeline bench's is) has 2,970 clusters, another 30; 12
    // shingles each, cluster g holding g * 16 + 1 … g * 16 + 12.
    await dataSource.query(`
      INSERT INTO novelty_clusters (id, actor_id, text, shingles, first_statement_id, first_article_id, first_said_at,
                                    opened_at, last_seen_at)
      SELECT 'c' || g, CASE WHEN g % 100 = 0 THEN '${ACTORS[1]}' ELSE '${ACTORS[0]}' END, 'text',
             ARRAY(SELECT g * 16 + k FROM generate_series(1, 12) k), 's' || g, 'a' || g, now(), now(), now()
      FROM generate_series(1, 3000) g`);
    await dataSource.query('ANALYZE novelty_clusters');
    // Each speaker's statement shares shingles with one cluster of its own and one of the other speaker's.
    const statements = [
      { statementId: 'new-1', actorId: ACTORS[0]!, shingles: [1501 * 16 + 3, 1501 * 16 + 4, 1600 * 16 + 1] },
      { statementId: 'new-2', actorId: ACTORS[1]!, shingles: [1600 * 16 + 2, 1502 * 16 + 7] },
    ];
    const { placed, known: found } = await dataSource.transaction((manager) =>
      new AlertRepository(manager).placedAndCandidateClusters(statements),
    );
    expect(placed.size).toBe(0);
    expect(found.map((c) => [c.id, c.actorId]).sort()).toEqual([
      ['c1501', ACTORS[0]],
      ['c1600', ACTORS[1]],
    ]);

    const [
      {
        'QUERY PLAN': [plan],
      },
    ] = await dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${CANDIDATE_CLUSTERS_SQL}`, [
      statements.flatMap((s) => s.shingles.map(() => s.actorId)),
      statements.flatMap((s) => s.shingles),
    ]);
    const nodes = planNodes(plan.Plan);
    expect(nodes.some((n) => n['Index Name'] === 'novelty_clusters_actor_shingles_idx')).toBe(true);
    // The rows the plan read from the table: those found and those a filter turned away.
    expect(rowsRead([plan.Plan], ['novelty_clusters'])).toBeLessThan(10);
    // Without GIN's pending list: clusters open all the time, and every lookup read that list entry by entry.
    const [{ reloptions }] = await dataSource.query(
      `SELECT reloptions FROM pg_class WHERE relname = 'novelty_clusters_actor_shingles_idx'`,
    );
    expect(reloptions).toContain('fastupdate=off');
  });

  it("add a batch's members to their clusters' counts by probing the indexes, not by reading the tables", async () => {
    await dataSource.query('TRUNCATE novelty_clusters CASCADE');
    // 3,000 clusters with 3 members each: tables as small as the pipeline bench's, where hashing every row
    // looked cheaper to the planner than a probe per member.
    await dataSource.query(`
      INSERT INTO novelty_clusters (id, actor_id, text, shingles, first_statement_id, first_article_id, first_said_at,
                                    opened_at, last_seen_at, statement_count, article_count)
      SELECT 'c' || g, '${ACTORS[0]}', 'text', ARRAY[g], 's' || g, 'a' || g, now(), now(), now(), 3, 3
      FROM generate_series(1, 3000) g`);
    await dataSource.query(`
      INSERT INTO novelty_cluster_members (statement_id, cluster_id, article_id, outlet, similarity, said_at)
      SELECT 's' || g || '-' || k, 'c' || g, 'a' || g || '-' || k, 'Wire One', 1, now()
      FROM generate_series(1, 3000) g, generate_series(1, 3) k`);
    await dataSource.query('ANALYZE novelty_clusters, novelty_cluster_members');
    const members = Array.from({ length: 9 }, (_, i) => ({
      statementId: `new-${i}`,
      clusterId: `c${1000 + i}`,
      articleId: i < 3 ? `a${1000 + i}-1` : 'a-new',
      outlet: 'Daily Two',
      similarity: 0.9,
      saidAt: '2026-01-02T00:00:00.000Z',
    }));
    const plan = await dataSource.transaction(async (manager) => {
      const [
        {
          'QUERY PLAN': [explained],
        },
      ] = await manager.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${RECORD_MEMBERS_SQL}`, recordMembersParameters(members));
      const counts = await manager.query(
        `SELECT id, statement_count, article_count FROM novelty_clusters WHERE id IN ('c1000', 'c1005') ORDER BY id`,
      );
      // An article the cluster already had adds a statement, not an article; a new one adds both.
      expect(counts).toEqual([
        { id: 'c1000', statement_count: 4, article_count: 3 },
        { id: 'c1005', statement_count: 4, article_count: 4 },
      ]);
      return explained;
    });
    expect(planNodes(plan.Plan).some((n) => n['Index Name'] === 'novelty_cluster_members_cluster_article_idx')).toBe(true);
    expect(rowsRead([plan.Plan], ['novelty_cluster_members', 'novelty_clusters'])).toBeLessThan(20);
  });

  it("add to their clusters' counts in place, without re-inserting every shingle key of a cluster", async () => {
    await dataSource.query('TRUNCATE novelty_clusters CASCADE');
    // Clusters written as the store writes them, one after another, so their pages are as full as the table lets them be.
    await dataSource.query(`
      INSERT INTO novelty_clusters (id, actor_id, text, shingles, first_statement_id, first_article_id, first_said_at,
                                    opened_at, last_seen_at)
      SELECT 'c' || g, '${ACTORS[0]}', 'We will not yield an inch of our land to anyone',
             ARRAY(SELECT g * 16 + k FROM generate_series(1, 12) k), 's' || g, 'a' || g, now(), now(), now()
      FROM generate_series(1, 2000) g`);
    const members = Array.from({ length: 200 }, (_, i) => ({
      statementId: `new-${i}`,
      clusterId: `c${i * 10 + 1}`,
      articleId: `a-new-${i}`,
      outlet: 'Daily Two',
      similarity: 0.9,
      saidAt: '2026-01-02T00:00:00.000Z',
    }));
    // The session's counters not yet sent to the statistics collector, so read before and after.
    const counters = `SELECT pg_stat_get_xact_tuples_updated(c.oid)::int AS updated,
                             pg_stat_get_xact_tuples_hot_updated(c.oid)::int AS "heapOnly"
                      FROM pg_class c WHERE c.relname = 'novelty_clusters'`;
    const { updated, heapOnly } = await dataSource.transaction(async (manager) => {
      const [before] = await manager.query(counters);
      await manager.query(RECORD_MEMBERS_SQL, recordMembersParameters(members));
      const [after] = await manager.query(counters);
      return { updated: after.updated - before.updated, heapOnly: after.heapOnly - before.heapOnly };
    });
    expect(updated).toBe(200);
    // Heap-only: the new version stays on its page and the GIN index of (actor, shingle) keys is not written.
    expect(heapOnly).toBe(200);
  });

  it('equal a recount from the members, across batches, redeliveries, shared articles and outlets', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(printArbitrary, { minLength: 8, maxLength: 8 }), historyArbitrary, async (prints, history) => {
        await dataSource.query('TRUNCATE novelty_clusters CASCADE');
        const statements: NoveltyStatement[] = prints.map((p, k) => ({
          statementId: `s${k}`,
          actorId: ACTORS[p.actor]!,
          text: TEXTS[p.text]!,
          articleId: `a${p.article}`,
          articleUrl: null,
          outlet: OUTLETS[p.outlet]!,
          saidAt: INSTANTS[p.instant]!,
        }));
        for (const batch of history) await cluster([...new Set(batch)].map((k) => statements[k]!));
        const stored = await dataSource.query(RECOUNT);
        expect(stored).toEqual(await dataSource.query(FROM_MEMBERS));
        expect(stored.length).toBeGreaterThan(0);
      }),
      { numRuns: 60, seed: 20261203 },
    );
  });
});
