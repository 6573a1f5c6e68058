import { createDataSource, runMigrations } from '@chronicle/persistence';
import { ContributionQueries, SqlRunner } from '@chronicle/read-models';
import { analyzedEvents } from '@chronicle/test-support';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';
import { PlanNode, planNodes } from './support/plan-nodes';
import { projectInPostgres } from './support/slice-in-postgres';

/** `GET /v1/articles/:id` reads one article's statements; their reach must be probed per statement, whatever the statistics say. */
describe('the plan of an article’s statements', () => {
  let url: string;
  let dataSource: DataSource;
  let articleId: string;

  beforeAll(async () => {
    url = await createTestDatabase('article-statements-plan');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
    const events = analyzedEvents(300, 11);
    await projectInPostgres(dataSource, [{ analyses: events }]);
    [{ article_id: articleId }] = await dataSource.query(
      'SELECT article_id FROM statements GROUP BY article_id ORDER BY count(*) DESC, article_id LIMIT 1',
    );
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  /** The reach lookups in the plan of `statementsInArticle`, as PostgreSQL plans it with the current statistics. */
  const reachReads = async (): Promise<PlanNode[]> => {
    const plans: PlanNode[] = [];
    const explaining: SqlRunner = {
      query: async (sql, parameters) => {
        const [{ 'QUERY PLAN': plan }] = await dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
        plans.push(...planNodes(plan[0].Plan as PlanNode));
        return [];
      },
    };
    await new ContributionQueries(explaining).statementsInArticle(articleId);
    return plans.filter((node) => node['Relation Name'] === 'statement_reach');
  };

  describe('when the statistics take an article for thousands of statements (a store growing faster than it is analysed)', () => {
    it('still looks each statement’s reach up by its cluster', async () => {
      await dataSource.query('ALTER TABLE statements ALTER COLUMN article_id SET (n_distinct = 1)');
      await dataSource.query('ANALYZE');
      const reads = await reachReads();
      expect(reads.length).toBeGreaterThan(0);
      for (const read of reads) {
        expect(read['Node Type']).toMatch(/Index/);
        expect(read['Index Cond']).toContain('cluster_id');
      }
    });
  });

  describe('when the read runs', () => {
    it('returns the article’s statements in text order, with their reach', async () => {
      const statements = await new ContributionQueries(dataSource).statementsInArticle(articleId);
      const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM statements WHERE article_id = $1', [
        articleId,
      ]);
      expect(statements).toHaveLength(count);
      expect(statements.map((s) => s.start)).toEqual([...statements.map((s) => s.start)].sort((a, b) => a - b));
      expect(statements.every((s) => s.reach !== null && s.reach.outletCount >= 1)).toBe(true);
    });
  });
});
