import { ArticleAnalyzedEvent } from '@chronicle/contracts';
import { createDataSource, runMigrations } from '@chronicle/persistence';
import { ArticleQueries, SpeakerStance, SqlRunner, StanceKey } from '@chronicle/read-models';
import { actor, analyzed, stance } from '@chronicle/test-support';
import { DataSource, EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAnalysesBatch } from '../support/projector-log-fold';
import { retractArticles } from '../support/read-model-fold';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';
import { PlanNode, planNodes } from './support/plan-nodes';

const kiro = { actorId: 'person:dana-kiro', name: 'Dana Kiro' };
const mara = { actorId: 'person:ola-mara', name: 'Ola Mara' };

/** An analysis of article `articleId`, published at `publishedAt`, naming Kiro and Mara, with the given stances. */
function analysisOf(articleId: string, publishedAt: string, stances: ReturnType<typeof stance>[]): ArticleAnalyzedEvent {
  return analyzed(`e-${articleId}`, articleId, {
    actors: [actor(kiro.actorId, 'Kiro'), actor(mara.actorId, 'Mara')],
    stances,
    publishedAt,
    sourceOffset: '1',
  });
}

/** What identifies a stance in a list: its article and where it starts. */
const placeOf = (s: SpeakerStance) => `${s.articleId}@${s.start}`;

/**
 * `GET /v1/actors/:id/stances` reads an actor's stances off the articles' rows: found by containment on the GIN
 * index, expanded, filtered on the speaker, newest article first and each article's in text order, keyset-paged.
 */
describe('the stances of an actor across articles', () => {
  let url: string;
  let dataSource: DataSource;
  let queries: ArticleQueries;

  /** Every stance of the actor, read `limit` at a time from the first page to the last. */
  const everyPage = async (actorId: string, limit: number): Promise<SpeakerStance[][]> => {
    const pages: SpeakerStance[][] = [];
    let after: StanceKey | null = null;
    do {
      const page: { stances: SpeakerStance[]; next: StanceKey | null } = await queries.stancesBy(actorId, limit, after);
      pages.push(page.stances);
      after = page.next;
    } while (after !== null && pages.length < 50);
    return pages;
  };

  beforeAll(async () => {
    url = await createTestDatabase('actor-stances');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
    queries = new ArticleQueries(dataSource);
    const analyses = [
      // a1: the oldest; Kiro's stances listed out of text order, Mara's and an unattributed one between them.
      analysisOf('a1', '2026-05-10T09:00:00.000Z', [
        stance('the closure', kiro, 100),
        stance('the old plan', mara, 20),
        stance('the plan', kiro, 60),
        stance('the levy', null, 140),
      ]),
      // a2 and a3: published at the same instant, so the article id decides (descending: a3 first).
      analysisOf('a2', '2026-05-12T09:00:00.000Z', [stance('the vote', kiro, 30)]),
      analysisOf('a3', '2026-05-12T09:00:00.000Z', [stance('the budget', kiro, 10), stance('the deal', kiro, 50)]),
      // a4: the newest, Mara's alone.
      analysisOf('a4', '2026-05-14T09:00:00.000Z', [stance('the merger', mara, 15)]),
    ];
    await applyAnalysesBatch(
      dataSource,
      'actor-stances',
      analyses.map((event, offset) => ({ partition: 0, offset: String(offset), event })),
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  describe('when an article holds stances of several speakers', () => {
    it("returns the actor's alone, with their article", async () => {
      const { stances } = await queries.stancesBy(kiro.actorId, 50, null);
      expect(stances.every((s) => s.speaker?.id === kiro.actorId)).toBe(true);
      expect(stances.map((s) => s.text).sort()).toEqual(['the budget', 'the closure', 'the deal', 'the plan', 'the vote']);
      expect(stances.find((s) => s.text === 'the plan')).toEqual({
        text: 'the plan',
        cue: 'criticized',
        start: 60,
        end: 68,
        speaker: { id: kiro.actorId, name: 'Dana Kiro' },
        sentiment: { score: 0, label: 'neutral' },
        articleId: 'a1',
        articleTitle: 'Title a1',
        articleUrl: 'https://news.example/a1',
        outlet: 'Example News',
        saidAt: '2026-05-10T09:00:00.000Z',
      });
      expect((await queries.stancesBy(mara.actorId, 50, null)).stances.map(placeOf)).toEqual(['a4@15', 'a1@20']);
      expect(await queries.stancesBy('person:nobody', 50, null)).toEqual({ stances: [], next: null });
    });
  });

  describe('when the actor has stances in several articles', () => {
    it('lists the newest article first, ties by article id (descending), each article in text order', async () => {
      const { stances, next } = await queries.stancesBy(kiro.actorId, 50, null);
      expect(stances.map(placeOf)).toEqual(['a3@10', 'a3@50', 'a2@30', 'a1@60', 'a1@100']);
      expect(next).toBeNull();
    });
  });

  describe('when the stances are read a page at a time', () => {
    it.each([1, 2, 3, 4])('returns every stance exactly once, in the same order, %i per page', async (limit) => {
      const pages = await everyPage(kiro.actorId, limit);
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
      expect(pages.flat().map(placeOf)).toEqual(['a3@10', 'a3@50', 'a2@30', 'a1@60', 'a1@100']);
    });
  });

  describe('when the planner reads the actor’s articles', () => {
    /** The index names in the plans of `stancesBy` (first page and a later one), with sequential scans priced out. */
    const indexesPlanned = async (plan: 'custom' | 'generic'): Promise<string[]> =>
      dataSource.transaction(async (manager: EntityManager) => {
        await manager.query('SET LOCAL enable_seqscan = off');
        if (plan === 'generic') await manager.query('SET LOCAL plan_cache_mode = force_generic_plan');
        const names: string[] = [];
        const explaining: SqlRunner = {
          query: async (sql, parameters = []) => {
            await manager.query(`PREPARE planned AS ${sql}`);
            try {
              const literals = parameters.map(() => '%L').join(', ');
              const [{ execute }] = await manager.query(
                `SELECT format('EXPLAIN (FORMAT JSON) EXECUTE planned(${literals})'${parameters.map((_, i) => `, $${i + 1}::text`).join('')}) AS execute`,
                parameters,
              );
              const [{ 'QUERY PLAN': plans }] = await manager.query(execute);
              for (const node of planNodes(plans[0].Plan as PlanNode)) if (node['Index Name']) names.push(node['Index Name']);
            } finally {
              await manager.query('DEALLOCATE planned');
            }
            return [];
          },
        };
        const queries = new ArticleQueries(explaining);
        await queries.stancesBy(kiro.actorId, 2, null);
        await queries.stancesBy(kiro.actorId, 2, {
          saidAt: '2026-05-12T09:00:00.000000Z',
          articleId: 'a3',
          start: 50,
          position: 2,
        });
        return names;
      });

    it.each(['custom', 'generic'] as const)('finds them on articles_stances_idx (%s plan)', async (plan) => {
      // Enough other articles that reading every article costs more than the index.
      await dataSource.query(`
        INSERT INTO articles (id, title, body, received_at, stances)
        SELECT 'filler-' || n, 'Filler', '', '2026-05-01T00:00Z',
               jsonb_build_array(jsonb_build_object('text', 'x', 'cue', 'criticized', 'start', 0, 'end', 1,
                 'speaker', jsonb_build_object('id', 'person:filler-' || n, 'name', 'Filler'),
                 'sentiment', jsonb_build_object('score', 0, 'label', 'neutral')))
        FROM generate_series(1, 500) AS n
        ON CONFLICT (id) DO NOTHING`);
      await dataSource.query('ANALYZE articles');
      expect(await indexesPlanned(plan)).toEqual(['articles_stances_idx', 'articles_stances_idx']);
    });
  });

  describe('when an article is retracted', () => {
    it('no longer lists its stances', async () => {
      await retractArticles(dataSource, ['a3']);
      const pages = await everyPage(kiro.actorId, 2);
      expect(pages.flat().map(placeOf)).toEqual(['a2@30', 'a1@60', 'a1@100']);
    });
  });
});
