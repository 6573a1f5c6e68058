import { ArticleAnalyzedEvent } from '@chronicle/contracts';
import { createDataSource, runMigrations } from '@chronicle/persistence';
import { statementReachSlice } from '@chronicle/read-models';
import { analyzed, InMemoryProjection, ProjectionBatch, statement } from '@chronicle/test-support';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';
import { projectInPostgres } from './support/slice-in-postgres';

/** Quotes that recur across articles: each (text, speaker) is one cluster; one has no speaker. */
const QUOTES = [
  { text: 'We will not yield an inch of our land', speaker: { actorId: 'person:maria-lindqvist', name: 'Maria Lindqvist' } },
  { text: 'The council will meet again in spring', speaker: { actorId: 'person:juan-herrera', name: 'Juan Herrera' } },
  { text: 'Talks resume on Monday in Istanbul', speaker: null },
];
const OUTLETS = ['Wire One', 'Daily Two', 'Evening Three'];
/** Few instants, so first appearances tie on time and fall to article and statement ids. */
const INSTANTS = ['2026-01-01T08:00:00.000Z', '2026-01-01T09:30:00.000Z', '2026-01-02T07:45:00.000Z'];

interface ArticleDraft {
  article: number;
  outlet: number;
  instant: number;
  quotes: number[];
}

const articleDraft = fc.record({
  article: fc.integer({ min: 0, max: 5 }),
  outlet: fc.integer({ min: 0, max: OUTLETS.length - 1 }),
  instant: fc.integer({ min: 0, max: INSTANTS.length - 1 }),
  quotes: fc.uniqueArray(fc.integer({ min: 0, max: QUOTES.length - 1 }), { minLength: 1, maxLength: QUOTES.length }),
});

/**
 * Analyses in arrival order, offsets rising; an article id seen again is its re-analysis (a
 * revision that replaces its statements). Cut into consecutive batches at `cuts`.
 */
function historyOf(drafts: readonly ArticleDraft[], cuts: readonly boolean[]): ProjectionBatch[] {
  const events: ArticleAnalyzedEvent[] = drafts.map((d, k) =>
    analyzed(`e${k}`, `a${d.article}`, {
      outlet: OUTLETS[d.outlet],
      publishedAt: INSTANTS[d.instant],
      sourceOffset: String(k),
      statements: d.quotes.map((q, i) => statement(QUOTES[q]!.text, QUOTES[q]!.speaker, i * 50)),
    }),
  );
  const batches: ProjectionBatch[] = [];
  let current: ArticleAnalyzedEvent[] = [];
  events.forEach((event, k) => {
    current.push(event);
    if (cuts[k] || k === events.length - 1) {
      batches.push({ analyses: current });
      current = [];
    }
  });
  return batches;
}

describe('statement reach written batch by batch in PostgreSQL', () => {
  const urls: string[] = [];
  afterAll(async () => {
    for (const url of urls) await dropTestDatabase(url);
  });

  it('equals the fold of every statement at once, whatever the batches, outlets, ties and revisions', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(articleDraft, { minLength: 2, maxLength: 9 }),
        fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
        async (drafts, cuts) => {
          const url = await createTestDatabase(`reach_batches_${run++}`);
          urls.push(url);
          await runMigrations(url);
          const dataSource: DataSource = await createDataSource(url, 1).initialize();
          try {
            const history = historyOf(drafts, cuts);
            await projectInPostgres(dataSource, history);
            const expected = history
              .reduce((store, batch) => store.apply(batch), new InMemoryProjection())
              .rows(statementReachSlice);
            expect(await statementReachSlice.rows.read(dataSource)).toEqual(expected);
          } finally {
            await dataSource.destroy();
          }
        },
      ),
      { numRuns: 25, seed: 20261203 },
    );
  });
});
