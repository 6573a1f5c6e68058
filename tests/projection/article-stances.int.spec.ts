import { ArticleAnalyzedEvent } from '@chronicle/contracts';
import { createDataSource, runMigrations } from '@chronicle/persistence';
import { ArticleQueries } from '@chronicle/read-models';
import { actor, analyzed, stance } from '@chronicle/test-support';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAnalysesBatch } from '../support/projector-log-fold';
import { retractArticles } from '../support/read-model-fold';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

const kiro = { actorId: 'person:dana-kiro', name: 'Dana Kiro' };

/** An analysis of version `sourceOffset` of an article naming Kiro, with the given stances. */
function analysisWith(eventId: string, articleId: string, sourceOffset: string, stances: ReturnType<typeof stance>[]) {
  return analyzed(eventId, articleId, { actors: [actor(kiro.actorId, 'Kiro')], stances, sourceOffset });
}

/**
 * An article's stances live on its row, written with the analysis in place: the first analysis inserts them with the
 * row, a newer one replaces them, a retraction clears them with the analysis.
 */
describe('the stances of an article in the articles read model', () => {
  let url: string;
  let dataSource: DataSource;
  let queries: ArticleQueries;
  let offset = 0;

  const project = (...events: ArticleAnalyzedEvent[]) =>
    applyAnalysesBatch(
      dataSource,
      'article-stances',
      events.map((event) => ({ partition: 0, offset: String(offset++), event })),
    );
  const stancesOf = async (id: string) => (await queries.findById(id))?.stances.map((s) => [s.cue, s.text, s.speaker?.name]);

  beforeAll(async () => {
    url = await createTestDatabase('article-stances');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
    queries = new ArticleQueries(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it('stores the stances of a first analysis with the new row, as the API shows them', async () => {
    await project(analysisWith('e1', 'a1', '1', [stance('the decision', kiro, 20), stance('the plan', null, 60)]));
    const article = await queries.findById('a1');
    expect(article?.stances).toEqual([
      {
        text: 'the decision',
        cue: 'criticized',
        start: 20,
        end: 32,
        speaker: { id: kiro.actorId, name: 'Dana Kiro' },
        unnamedSpeaker: null,
        sentiment: { score: 0, label: 'neutral' },
      },
      expect.objectContaining({ text: 'the plan', speaker: null, unnamedSpeaker: null }),
    ]);
  });

  it('replaces them with those of a newer analysis, and keeps them against an older one', async () => {
    await project(analysisWith('e2', 'a1', '3', [stance('the vote', kiro, 40)]));
    expect(await stancesOf('a1')).toEqual([['criticized', 'the vote', 'Dana Kiro']]);
    await project(analysisWith('e3', 'a1', '2', [stance('the old plan', kiro, 40)]));
    expect(await stancesOf('a1')).toEqual([['criticized', 'the vote', 'Dana Kiro']]);
  });

  it('holds none for an analysis made before stances', async () => {
    await project(analyzed('e4', 'a2', { actors: [actor(kiro.actorId, 'Kiro')], sourceOffset: '1' }));
    expect(await stancesOf('a2')).toEqual([]);
  });

  it('clears them when the article is retracted', async () => {
    await retractArticles(dataSource, ['a1']);
    expect(await stancesOf('a1')).toEqual([]);
  });
});
