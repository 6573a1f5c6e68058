import { createDataSource, runMigrations } from '@chronicle/persistence';
import { ActorPairQueries, ActorQueries, ActorSentimentQueries, OutletQueries, SqlRunner } from '@chronicle/read-models';
import { analyzedEvents } from '@chronicle/test-support';
import { DataSource, EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';
import { PlanNode, planNodes } from './support/plan-nodes';
import { projectInPostgres } from './support/slice-in-postgres';

/**
 * Tables that grow with the articles: reading one of them whole is a missing index. `actor_keys` grows with the
 * actors and is left out on purpose: trends cost one slot per actor by design (the running totals hold every
 * actor), and joining a window's summed entries to every key by hash cost less than an index probe per entry
 * (an hour window on the api bench's store: 23–32 ms against 31–34 ms).
 */
const BIG_TABLES = [
  'actor_pair_entries',
  'actor_sentiment_entries',
  'outlet_actors',
  'actors',
  'mentions',
  'statements',
  'articles',
];

const INDEX_SCANS = ['Index Scan', 'Index Only Scan', 'Bitmap Index Scan'];

/** Each big table's indexes with their leading column. */
type LeadingColumns = Map<string, string>;

async function leadingColumns(dataSource: DataSource): Promise<LeadingColumns> {
  const rows: Array<{ index: string; leading: string }> = await dataSource.query(
    `SELECT i.indexrelid::regclass::text AS index, a.attname AS leading
     FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
     WHERE i.indrelid::regclass::text = ANY($1)`,
    [BIG_TABLES],
  );
  return new Map(rows.map((r) => [r.index, r.leading]));
}

/**
 * What reads a big table whole: a sequential scan of it, or a scan of one of its indexes whose
 * condition does not bound the index's leading column (a pass over the whole index, which is what
 * the planner picks instead of a sequential scan once those are priced out).
 */
function wholeTableRead(node: PlanNode, leading: LeadingColumns): string | null {
  if (node['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(node['Relation Name'] ?? '')) return node['Relation Name']!;
  const column = leading.get(node['Index Name'] ?? '');
  if (INDEX_SCANS.includes(node['Node Type']) && column !== undefined && !(node['Index Cond'] ?? '').includes(`(${column} `)) {
    return `${node['Index Name']!} (whole)`;
  }
  return null;
}

/**
 * Runs `read` with a SqlRunner that, instead of running each query, has it planned with sequential
 * scans priced out (`enable_seqscan = off`: the planner still picks one when no index can serve
 * the query) and returns the whole-table reads of big tables it planned. `generic` plans each as a
 * prepared statement's generic plan (made for any parameters, as the api may run the reads it prepares).
 */
async function wholeTableReadsOf(
  dataSource: DataSource,
  read: (sql: SqlRunner) => Promise<unknown>,
  plan: 'custom' | 'generic' = 'custom',
): Promise<string[]> {
  const leading = await leadingColumns(dataSource);
  return dataSource.transaction(async (manager: EntityManager) => {
    await manager.query('SET LOCAL enable_seqscan = off');
    if (plan === 'generic') await manager.query('SET LOCAL plan_cache_mode = force_generic_plan');
    const scans: string[] = [];
    const explain = async (sql: string, parameters: unknown[] = []) => {
      if (plan === 'custom') return manager.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
      // EXECUTE takes no bind parameters: PostgreSQL writes them into it as quoted literals.
      const literals = parameters.map(() => '%L').join(', ');
      const [{ execute }] = await manager.query(
        `SELECT format('EXPLAIN (FORMAT JSON) EXECUTE planned${literals ? `(${literals})` : ''}'${parameters.map((_, i) => `, $${i + 1}::text`).join('')}) AS execute`,
        parameters,
      );
      await manager.query(`PREPARE planned AS ${sql}`);
      try {
        return await manager.query(execute);
      } finally {
        await manager.query('DEALLOCATE planned');
      }
    };
    const explaining: SqlRunner = {
      query: async (sql, parameters) => {
        const [
          {
            'QUERY PLAN': [plan],
          },
        ] = await explain(sql, parameters);
        for (const node of planNodes(plan.Plan as PlanNode)) {
          const read = wholeTableRead(node, leading);
          if (read !== null) scans.push(read);
        }
        return [];
      },
    };
    await read(explaining);
    return scans;
  });
}

describe('the query plans of the dashboard reads', () => {
  let url: string;
  let dataSource: DataSource;
  let actorId: string;

  beforeAll(async () => {
    url = await createTestDatabase('dashboard-query-plans');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
    const events = analyzedEvents(300, 7);
    await projectInPostgres(dataSource, [{ analyses: events.slice(0, 150) }, { analyses: events.slice(150) }]);
    await dataSource.query('ANALYZE');
    [{ id: actorId }] = await dataSource.query('SELECT id FROM actors ORDER BY mention_count DESC LIMIT 1');
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  const READS: Array<[string, (sql: SqlRunner) => Promise<unknown>]> = [
    ['related actors (a window of weeks)', (sql) => new ActorPairQueries(sql).related(actorId, '2025-12-29', '2026-02-02', 20)],
    [
      'related actors (a later page)',
      (sql) => new ActorPairQueries(sql).related(actorId, '2025-12-29', '2026-02-02', 20, { articles: 3, id: 'person:actor-1' }),
    ],
    [
      'trends by day (a window and the one before)',
      (sql) =>
        new ActorSentimentQueries(sql).trends('day', '2026-01-01T00:00:00Z', '2026-01-08T00:00:00Z', '2026-01-15T00:00:00Z', 20),
    ],
    [
      'trends by hour (a window and the one before)',
      (sql) =>
        new ActorSentimentQueries(sql).trends('hour', '2026-01-07T00:00:00Z', '2026-01-08T00:00:00Z', '2026-01-09T00:00:00Z', 20),
    ],
    [
      'sentiment toward an actor (hours of a window)',
      (sql) => new ActorSentimentQueries(sql).series(actorId, 'hour', '2026-01-07T00:00:00Z', '2026-01-09T00:00:00Z'),
    ],
    ['one actor', (sql) => new ActorQueries(sql).findById(actorId)],
    ['actors by a part of a name', (sql) => new ActorQueries(sql).search('ctor-12', 20, 0)],
    ["an actor's outlets", (sql) => new OutletQueries(sql).coveringActor(actorId, 20)],
    [
      "an actor's outlets (a later page)",
      (sql) => new OutletQueries(sql).coveringActor(actorId, 20, { articles: 2, outlet: 'Outlet 7' }),
    ],
  ];

  for (const [name, read] of READS) {
    describe(`when planning ${name}`, () => {
      it('reads no big table whole', async () => {
        expect(await wholeTableReadsOf(dataSource, read)).toEqual([]);
      });
    });
  }

  // The reads the api runs as prepared statements (apps/api read-model-queries.module.ts), whose generic plan
  // PostgreSQL may reuse for any actor and window.
  const PREPARED_READS = READS.filter(([name]) => /^(related actors|trends|sentiment toward)/.test(name));
  for (const [name, read] of PREPARED_READS) {
    describe(`when planning ${name} as a prepared statement, for any parameters`, () => {
      it('reads no big table whole', async () => {
        expect(await wholeTableReadsOf(dataSource, read, 'generic')).toEqual([]);
      });
    });
  }

  describe('when an index a read needs is missing', () => {
    it('finds the sequential scan (the check can fail)', async () => {
      await dataSource.query('DROP INDEX actor_sentiment_entries_start_idx');
      try {
        expect(
          await wholeTableReadsOf(dataSource, (sql) =>
            new ActorSentimentQueries(sql).trends(
              'hour',
              '2026-01-07T00:00:00Z',
              '2026-01-08T00:00:00Z',
              '2026-01-09T00:00:00Z',
              20,
            ),
          ),
        ).not.toEqual([]);
      } finally {
        await dataSource.query(
          `CREATE INDEX actor_sentiment_entries_start_idx ON actor_sentiment_entries (bucket_start)
             INCLUDE (actor_id, mentions, articles, score_micros) WHERE granularity = 'hour'`,
        );
      }
    });
  });
});
