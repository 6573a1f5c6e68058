import { ArticleAnalyzedData, ArticleAnalyzedEvent, ArticleLifecycleEvent } from '@chronicle/contracts';
import { seededRandom } from '@chronicle/domain';
import { createDataSource, runMigrations } from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedLog } from '../support/generated-log';
import {
  applyAnalysesBatch,
  applyArticlesBatch,
  DeadLetteredEvent,
  foldLogThroughProjector,
} from '../support/projector-log-fold';
import { LoggedEvent, readModelDifferences, ReferenceLog, referenceReadModels, SqlQuery } from '../support/reference-read-models';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

type Actor = ArticleAnalyzedData['analysis']['actors'][number];
type Statement = ArticleAnalyzedData['analysis']['statements'][number];

const SEEDS = [11, 2024, 777_001];

function person(id: string, name: string, mentions: number, score: number): Actor {
  return {
    id,
    name,
    kind: 'person',
    mentions: Array.from({ length: mentions }, (_, m) => ({ start: m * 30, end: m * 30 + name.length, text: name })),
    sentiment: { score, label: score > 0.1 ? 'positive' : score < -0.1 ? 'negative' : 'neutral' },
  };
}

function quote(text: string, speaker: Actor, start: number): Statement {
  return {
    kind: 'direct',
    start,
    end: start + text.length,
    text,
    cue: 'said',
    speaker: { actorId: speaker.id, name: speaker.name },
    sentiment: { score: -0.25, label: 'negative' },
  };
}

function version(
  type: 'ArticleSubmitted' | 'ArticleRevised',
  articleId: string,
  offset: number,
): LoggedEvent<ArticleLifecycleEvent> {
  return {
    partition: 0,
    offset: String(offset),
    event: {
      id: `${type}-${articleId}-${offset}`,
      type,
      version: 1,
      occurredAt: '2026-04-01T08:00:00.000Z',
      metadata: { correlationId: articleId, causationId: null },
      data: {
        articleId,
        url: `https://news.example/${articleId}`,
        outlet: 'Wire One',
        title: `${articleId} at ${offset}`,
        body: `The body of ${articleId} at ${offset}.`,
        publishedAt: `2026-04-01T0${offset}:30:00.000Z`,
        language: 'en',
        receivedAt: '2026-04-01T08:00:00.000Z',
      },
    },
  };
}

function retraction(articleId: string, offset: number): LoggedEvent<ArticleLifecycleEvent> {
  return {
    partition: 0,
    offset: String(offset),
    event: {
      id: `retracted-${articleId}-${offset}`,
      type: 'ArticleRetracted',
      version: 1,
      occurredAt: '2026-04-02T00:00:00.000Z',
      metadata: { correlationId: articleId, causationId: null },
      data: { articleId, reason: 'withdrawn by the outlet', retractedAt: '2026-04-02T00:00:00.000Z' },
    },
  };
}

function analysis(
  offset: number,
  of: LoggedEvent<ArticleLifecycleEvent>,
  analyzer: string,
  content: { actors: Actor[]; statements: Statement[] },
): LoggedEvent<ArticleAnalyzedEvent> {
  const source = of.event as Extract<ArticleLifecycleEvent, { type: 'ArticleSubmitted' | 'ArticleRevised' }>;
  return {
    partition: 0,
    offset: String(offset),
    event: {
      id: `analysis-${source.id}-${analyzer}`,
      type: 'ArticleAnalyzed',
      version: 1,
      occurredAt: '2026-04-01T09:00:00.000Z',
      metadata: { correlationId: source.data.articleId, causationId: source.id },
      data: {
        articleId: source.data.articleId,
        sourceEventId: source.id,
        sourceOffset: of.offset,
        url: source.data.url,
        outlet: source.data.outlet,
        title: source.data.title,
        publishedAt: source.data.publishedAt,
        receivedAt: source.data.receivedAt,
        analyzedAt: '2026-04-01T09:00:00.000Z',
        analysis: { id: source.data.articleId, analyzerVersion: analyzer, ...content, places: [], targets: [] },
      },
    },
  };
}

async function migratedStore(name: string, urls: string[]): Promise<DataSource> {
  const url = await createTestDatabase(name);
  urls.push(url);
  await runMigrations(url);
  return createDataSource(url, 2).initialize();
}

const queryOf =
  (dataSource: DataSource): SqlQuery =>
  (sql, params) =>
    dataSource.query(sql, params);

describe('the project service against an independent reference fold', () => {
  const urls: string[] = [];
  const stores: DataSource[] = [];

  afterAll(async () => {
    for (const store of stores) await store.destroy();
    for (const url of urls) await dropTestDatabase(url);
  });

  describe.each(SEEDS)('when a generated log (seed %i) is folded in batches, the two topics interleaved', (seed) => {
    const log = generatedLog(seed, 120);
    const reference = referenceReadModels(log);
    let store: DataSource;
    let deadLettered: DeadLetteredEvent[];

    beforeAll(async () => {
      store = await migratedStore(`reference-fold-${seed}`, urls);
      stores.push(store);
      deadLettered = await foldLogThroughProjector(store, log, { consumer: 'project', random: seededRandom(seed), maxBatch: 12 });
    });

    it('holds exactly the rows the reference computes, checked both ways over every column', async () => {
      expect(reference.articles.filter((a) => a.status === 'retracted').length).toBeGreaterThan(5);
      expect(reference.statement_reach.some((c) => Number(c.outlet_count) > 1)).toBe(true);
      expect({ deadLettered, differences: await readModelDifferences(queryOf(store), reference) }).toEqual({
        deadLettered: [],
        differences: {},
      });
    });

    it('changes nothing when the whole log is delivered again in other batches', async () => {
      const again = await foldLogThroughProjector(store, log, {
        consumer: 'redelivery',
        random: seededRandom(seed + 1),
        maxBatch: 30,
      });
      expect({ deadLettered: again, differences: await readModelDifferences(queryOf(store), reference) }).toEqual({
        deadLettered: [],
        differences: {},
      });
    });
  });

  describe('when the store drifts from its log in ways a one-way recount misses', () => {
    const log = generatedLog(5, 40);
    let differences: Awaited<ReturnType<typeof readModelDifferences>>;

    beforeAll(async () => {
      const store = await migratedStore('reference-drift', urls);
      stores.push(store);
      await foldLogThroughProjector(store, log, { consumer: 'project', random: seededRandom(5), maxBatch: 8 });
      const [actor] = await store.query('SELECT id FROM actors ORDER BY id LIMIT 1');
      await store.query('UPDATE actors SET statement_count = statement_count + 1 WHERE id = $1', [actor.id]);
      // A ledger entry with mentions but no articles: the view hides its hour and its day (it is unflagged), the stored
      // sums are still wrong.
      await store.query(
        `INSERT INTO actor_sentiment_entries
           (actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros)
         VALUES ($1, 'hour', '2030-01-01T00:00:00Z', 3, 0, 0, 0, 0, 0)`,
        [actor.id],
      );
      await store.query('DELETE FROM statements WHERE id = (SELECT min(id) FROM statements)');
      differences = await readModelDifferences(queryOf(store), referenceReadModels(log));
    });

    it('reports each changed, stray and missing row on the side that has it', () => {
      expect(Object.keys(differences).sort()).toEqual(['actor_sentiment_ledger', 'actors', 'statements']);
      expect(differences.actors).toMatchObject({ onlyInReference: 1, onlyStored: 1 });
      expect(differences.actor_sentiment_ledger).toMatchObject({ onlyInReference: 0, onlyStored: 2 });
      expect(differences.statements).toMatchObject({ onlyInReference: 1, onlyStored: 0 });
    });
  });

  describe('when articles are revised, retracted and re-analysed with other actors and quotes than before', () => {
    const anna = person('person:anna-berg', 'Anna Berg', 2, 0.5);
    const tomas = person('person:tomas-herrera', 'Tomas Herrera', 1, -0.4);
    const zoe = person('person:zoe-angstrom', 'Zoë Ångström', 3, 0);
    const a0 = version('ArticleSubmitted', 'article-a', 0);
    const b1 = version('ArticleSubmitted', 'article-b', 1);
    const c2 = version('ArticleSubmitted', 'article-c', 2);
    const a3 = version('ArticleRevised', 'article-a', 3);
    const b4 = retraction('article-b', 4);
    const first: ReferenceLog = {
      articles: [a0, b1, c2],
      analyses: [
        analysis(0, a0, 'nlp/1', { actors: [anna, zoe], statements: [quote('We will not back down.', anna, 100)] }),
        analysis(1, b1, 'nlp/1', { actors: [anna, tomas], statements: [quote('The numbers do not add up.', tomas, 120)] }),
        analysis(2, c2, 'nlp/1', { actors: [zoe], statements: [quote('Talks continue.', zoe, 140)] }),
      ],
    };
    const edits: ReferenceLog = {
      articles: [a3, b4],
      analyses: [
        // Other actors and statement spans than the versions they replace, so nothing collides.
        analysis(3, a3, 'nlp/1', { actors: [tomas], statements: [quote('A different quote entirely.', tomas, 300)] }),
        analysis(4, c2, 'nlp/2', { actors: [tomas], statements: [quote('Re-analysed: another quote.', tomas, 310)] }),
      ],
    };
    const whole: ReferenceLog = {
      articles: [...first.articles, ...edits.articles],
      analyses: [...first.analyses, ...edits.analyses],
    };
    let store: DataSource;

    beforeAll(async () => {
      store = await migratedStore('reference-edits', urls);
      stores.push(store);
      await applyArticlesBatch(store, 'project', first.articles);
      await applyAnalysesBatch(store, 'project', first.analyses);
    });

    it('first holds the rows of the original versions', async () => {
      expect(await readModelDifferences(queryOf(store), referenceReadModels(first))).toEqual({});
    });

    it('then holds only what the newest versions and analyses contribute, and nothing of the retracted article', async () => {
      await applyArticlesBatch(store, 'project', edits.articles);
      await applyAnalysesBatch(store, 'project', edits.analyses);
      const reference = referenceReadModels(whole);
      expect(reference.mentions.map((m) => `${m.actor_id}@${m.article_id}`).sort()).toEqual([
        'person:tomas-herrera@article-a',
        'person:tomas-herrera@article-c',
      ]);
      expect(await readModelDifferences(queryOf(store), reference)).toEqual({});
    });
  });
});
