import { ArticleAnalyzedEvent } from '@chronicle/contracts';
import { parseTextQuery, TextQuerySyntaxError } from '@chronicle/domain';
import { createDataSource, runMigrations } from '@chronicle/persistence';
import {
  ContributionQueries,
  NewestFirstKey,
  RankKey,
  SqlRunner,
  StatementFilter,
  StatementHit,
  StatementSearchPage,
} from '@chronicle/read-models';
import { actor, analyzed, retracted, revised, submitted, textQueryInput } from '@chronicle/test-support';
import fc from 'fast-check';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';
import { projectInPostgres } from './support/slice-in-postgres';

type Label = 'negative' | 'neutral' | 'positive';
interface Said {
  text: string;
  speaker: 'zelenskyy' | 'scholz' | 'erdogan' | null;
  kind: 'direct' | 'indirect';
  sentiment: Label;
}
interface CorpusArticle {
  id: string;
  offset: string;
  outlet: string;
  publishedAt: string;
  said: Said[];
}

const SPEAKERS = {
  zelenskyy: { actorId: 'person:volodymyr-zelenskyy', name: 'Volodymyr Zelenskyy' },
  scholz: { actorId: 'person:olaf-scholz', name: 'Olaf Scholz' },
  erdogan: { actorId: 'person:recep-erdogan', name: 'Recep Erdoğan' },
};
const SCORE: Record<Label, number> = { negative: -0.6, neutral: 0, positive: 0.6 };

const CORPUS: CorpusArticle[] = [
  {
    id: 'a1',
    offset: '0',
    outlet: 'Wire One',
    publishedAt: '2026-03-01T10:00:00.000Z',
    said: [
      { text: 'We will impose new sanctions on Russia.', speaker: 'zelenskyy', kind: 'direct', sentiment: 'negative' },
      { text: 'Air defence is our priority.', speaker: 'zelenskyy', kind: 'direct', sentiment: 'neutral' },
    ],
  },
  {
    id: 'a2',
    offset: '1',
    outlet: 'Daily Two',
    publishedAt: '2026-03-02T10:00:00.000Z',
    said: [
      {
        text: 'The sanction regime must hold, as Ukraine needs air support.',
        speaker: 'scholz',
        kind: 'indirect',
        sentiment: 'positive',
      },
      { text: 'Defence of the air is costly.', speaker: 'scholz', kind: 'direct', sentiment: 'neutral' },
    ],
  },
  {
    id: 'a3',
    offset: '2',
    outlet: 'Wire One',
    publishedAt: '2026-03-03T10:00:00.123456Z',
    said: [
      {
        text: 'Ukrainian grain exports resumed <b>today</b> & "more" \n\tsoon.',
        speaker: 'erdogan',
        kind: 'direct',
        sentiment: 'positive',
      },
      { text: 'Oil prices will fall.', speaker: 'erdogan', kind: 'indirect', sentiment: 'neutral' },
    ],
  },
  {
    id: 'a4',
    offset: '3',
    outlet: 'Courier Three',
    publishedAt: '2026-03-04T10:00:00.000Z',
    said: [{ text: 'Sanctions on oil are not enough.', speaker: 'zelenskyy', kind: 'direct', sentiment: 'negative' }],
  },
  {
    id: 'a5',
    offset: '4',
    outlet: 'Daily Two',
    publishedAt: '2026-03-05T10:00:00.000Z',
    said: [{ text: 'Talks collapsed in Geneva.', speaker: null, kind: 'indirect', sentiment: 'negative' }],
  },
];

function analysisOf(article: CorpusArticle, said = article.said, offset = article.offset): ArticleAnalyzedEvent {
  let start = 0;
  return analyzed(`e-${article.id}-${offset}`, article.id, {
    actors: Object.entries(SPEAKERS).map(([, s]) => actor(s.actorId, s.name)),
    statements: said.map((s) => {
      const at = start;
      start += s.text.length + 1;
      return {
        kind: s.kind,
        start: at,
        end: at + s.text.length,
        text: s.text,
        speaker: s.speaker ? SPEAKERS[s.speaker] : null,
        sentiment: { score: SCORE[s.sentiment], label: s.sentiment },
      };
    }),
    outlet: article.outlet,
    publishedAt: article.publishedAt,
    sourceOffset: offset,
  });
}

/** Every statement of the corpus with its article, newest article first, as the reader expects them. */
const ALL = CORPUS.flatMap((article) => article.said.map((said) => ({ ...said, article })));

/** A SqlRunner that remembers each statement it ran, so the test can EXPLAIN exactly what the queries send. */
class RecordingRunner implements SqlRunner {
  readonly sent: Array<{ sql: string; parameters: unknown[] }> = [];
  constructor(private readonly inner: SqlRunner) {}
  query(sql: string, parameters: unknown[] = []): Promise<unknown> {
    this.sent.push({ sql, parameters });
    return this.inner.query(sql, parameters);
  }
}

describe(`${ContributionQueries.name} search and stream`, () => {
  let url: string;
  let dataSource: DataSource;
  let queries: ContributionQueries;

  const search = async (filter: StatementFilter, page?: Partial<StatementSearchPage>): Promise<StatementHit[]> => {
    const order = page?.order ?? (filter.query ? 'rank' : 'newest');
    const limit = page?.limit ?? 100;
    const result =
      order === 'rank'
        ? await queries.searchStatements(filter, { order, query: filter.query!, limit })
        : await queries.searchStatements(filter, { order, limit });
    return result.hits;
  };
  const texts = async (q: string, filter: Omit<StatementFilter, 'query'> = {}): Promise<string[]> =>
    (await search({ ...filter, query: parseTextQuery(q) })).map((hit) => hit.text).sort();

  beforeAll(async () => {
    url = await createTestDatabase('statement-search');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
    queries = new ContributionQueries(dataSource);
    await projectInPostgres(dataSource, [
      { articles: CORPUS.map((a) => submitted(a.offset, a.id, `Title of ${a.id}`, a.outlet)) },
      { analyses: CORPUS.map((a) => analysisOf(a)) },
    ]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  describe('when a word is searched', () => {
    it('finds its other forms too (English stemming), with the article title and reach', async () => {
      expect(await texts('sanctions')).toEqual([
        'Sanctions on oil are not enough.',
        'The sanction regime must hold, as Ukraine needs air support.',
        'We will impose new sanctions on Russia.',
      ]);
      const [hit] = await search({ query: parseTextQuery('russia') });
      expect(hit).toMatchObject({
        articleId: 'a1',
        articleTitle: 'Title of a1',
        outlet: 'Wire One',
        speaker: { id: SPEAKERS.zelenskyy.actorId, name: SPEAKERS.zelenskyy.name },
        reach: { firstOutlet: 'Wire One', firstArticleId: 'a1', outletCount: 1 },
      });
    });
  });

  describe('when a phrase, a prefix, AND, OR or NOT is searched', () => {
    it('matches the words in sequence, any word starting so, both, either, or not', async () => {
      expect(await texts('"air defence"')).toEqual(['Air defence is our priority.']);
      expect(await texts('ukrain*')).toEqual([
        'The sanction regime must hold, as Ukraine needs air support.',
        'Ukrainian grain exports resumed <b>today</b> & "more" \n\tsoon.',
      ]);
      expect(await texts('sanctions AND russia')).toEqual(['We will impose new sanctions on Russia.']);
      expect(await texts('russia OR grain')).toEqual([
        'Ukrainian grain exports resumed <b>today</b> & "more" \n\tsoon.',
        'We will impose new sanctions on Russia.',
      ]);
      expect(await texts('sanctions -russia NOT oil')).toEqual(['The sanction regime must hold, as Ukraine needs air support.']);
      expect(await texts('(oil OR air) NOT (defence OR support)')).toEqual([
        'Oil prices will fall.',
        'Sanctions on oil are not enough.',
      ]);
    });
  });

  describe('when the results are highlighted', () => {
    it('splits each text into matched and plain segments that join back to the text', async () => {
      for (const hit of await search({ query: parseTextQuery('sanctions OR grain OR today') })) {
        expect(hit.fragments.map((f) => f.text).join('')).toBe(hit.text);
        expect(hit.fragments.filter((f) => f.match).map((f) => f.text.toLowerCase())).toEqual(
          expect.arrayContaining([expect.stringMatching(/^(sanctions?|grain|today)$/)]),
        );
      }
      const [plain] = await search({ actorId: SPEAKERS.erdogan.actorId, kind: 'direct' });
      expect(plain!.fragments).toEqual([{ text: plain!.text, match: false }]);
    });
  });

  describe('when filters are given', () => {
    const expected = (keep: (s: (typeof ALL)[number]) => boolean) =>
      ALL.filter(keep)
        .map((s) => s.text)
        .sort();
    const found = async (filter: StatementFilter) => (await search(filter)).map((hit) => hit.text).sort();

    it('keeps only the statements each filter allows, alone and combined', async () => {
      expect(await found({ actorId: SPEAKERS.zelenskyy.actorId })).toEqual(expected((s) => s.speaker === 'zelenskyy'));
      expect(await found({ kind: 'indirect' })).toEqual(expected((s) => s.kind === 'indirect'));
      expect(await found({ outlet: 'Wire One' })).toEqual(expected((s) => s.article.outlet === 'Wire One'));
      expect(await found({ sentiment: 'negative' })).toEqual(expected((s) => s.sentiment === 'negative'));
      expect(await found({ from: '2026-03-02T10:00:00Z', to: '2026-03-04T10:00:00Z' })).toEqual(
        expected((s) => s.article.publishedAt >= '2026-03-02T10:00' && s.article.publishedAt < '2026-03-04T10:00'),
      );
      expect(await found({ query: parseTextQuery('sanctions'), sentiment: 'negative', outlet: 'Wire One' })).toEqual([
        'We will impose new sanctions on Russia.',
      ]);
    });

    it('orders newest first without a query', async () => {
      const hits = await search({});
      expect(hits.map((h) => h.saidAt)).toEqual([...hits.map((h) => h.saidAt)].sort().reverse());
      expect(hits).toHaveLength(ALL.length);
    });
  });

  describe('when the results are read page by page', () => {
    // The projector stores instants to the millisecond; a said_at to the microsecond (shared by two
    // statements) checks that a page's end key is exact, not rounded as a JavaScript Date would.
    beforeAll(async () => {
      await dataSource.query(
        `INSERT INTO statements (id, article_id, speaker_id, speaker_name, kind, text, start_offset, end_offset,
                                 sentiment_score, sentiment_label, cluster_id, said_at, outlet)
         SELECT 'micro-' || n, 'a3', $1, 'Volodymyr Zelenskyy', 'direct', 'Air and oil sanctions, part ' || n, 0, 10, 0, 'neutral',
                'micro', '2026-03-03T12:00:00.123456Z', 'Wire One'
         FROM generate_series(1, 2) AS n`,
        [SPEAKERS.zelenskyy.actorId],
      );
    });
    afterAll(async () => {
      await dataSource.query(`DELETE FROM statements WHERE id LIKE 'micro-%'`);
    });

    const shapes: Array<{ name: string; filter: StatementFilter; order: 'rank' | 'newest' }> = [
      { name: 'newest, everything', filter: {}, order: 'newest' },
      { name: 'newest, a query', filter: { query: parseTextQuery('sanctions OR air OR oil') }, order: 'newest' },
      { name: 'by rank', filter: { query: parseTextQuery('sanctions OR air OR oil OR russia') }, order: 'rank' },
      { name: 'newest, one speaker', filter: { actorId: SPEAKERS.zelenskyy.actorId }, order: 'newest' },
    ];
    for (const shape of shapes) {
      it(`concatenates to the one-page list, without duplicates or gaps (${shape.name})`, async () => {
        const full = (await search(shape.filter, { order: shape.order, limit: 500 })).map((h) => h.id);
        expect(full.length).toBeGreaterThan(2);
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 1, max: full.length + 1 }), async (limit) => {
            const seen: string[] = [];
            let after: RankKey | NewestFirstKey | undefined;
            for (let pages = 0; pages <= full.length; pages += 1) {
              const result =
                shape.order === 'rank'
                  ? await queries.searchStatements(shape.filter, {
                      order: 'rank',
                      query: shape.filter.query!,
                      limit,
                      after: after as RankKey | undefined,
                    })
                  : await queries.searchStatements(shape.filter, {
                      order: 'newest',
                      limit,
                      after: after as NewestFirstKey | undefined,
                    });
              expect(result.hits.length).toBeLessThanOrEqual(limit);
              seen.push(...result.hits.map((h) => h.id));
              if (result.next === null) break;
              after = result.next;
            }
            expect(seen).toEqual(full);
          }),
          { numRuns: full.length + 1 },
        );
      });
    }
  });

  describe('when more statements match than relevance order ranks', () => {
    const sanctions = parseTextQuery('sanctions');
    const rankedAmong = async (among: number, limit = 10, after?: RankKey) =>
      queries.searchStatements({ query: sanctions }, { order: 'rank', query: sanctions, limit, among, after });

    it('ranks only the newest matches', async () => {
      expect((await rankedAmong(1000)).hits.map((h) => h.articleId).sort()).toEqual(['a1', 'a2', 'a4']);
      expect((await rankedAmong(2)).hits.map((h) => h.articleId).sort()).toEqual(['a2', 'a4']);
    });

    it('keeps ranking the same matches on later pages while newer statements arrive', async () => {
      const first = await rankedAmong(2, 1);
      expect(first.next).not.toBeNull();
      await dataSource.query(
        `INSERT INTO statements (id, article_id, speaker_id, speaker_name, kind, text, start_offset, end_offset,
                                 sentiment_score, sentiment_label, cluster_id, said_at, outlet)
         VALUES ('late-sanctions', 'a5', NULL, NULL, 'direct', 'Sanctions, sanctions and more sanctions.', 0, 10, 0,
                 'neutral', 'late', '2026-03-09T10:00:00Z', 'Daily Two')`,
      );
      try {
        const second = await rankedAmong(2, 1, first.next as RankKey);
        expect([...first.hits, ...second.hits].map((h) => h.articleId).sort()).toEqual(['a2', 'a4']);
        expect(second.next).toBeNull();
      } finally {
        await dataSource.query(`DELETE FROM statements WHERE id = 'late-sanctions'`);
      }
    });
  });

  describe('when any text is given as a query', () => {
    it('is refused by the parser, or Postgres runs the search it renders', async () => {
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(textQueryInput(), async (input) => {
          let query;
          try {
            query = parseTextQuery(input);
          } catch (error) {
            expect(error).toBeInstanceOf(TextQuerySyntaxError);
            return;
          }
          accepted += 1;
          await queries.searchStatements({ query }, { order: 'rank', query, limit: 5 });
          await queries.searchStatements({ query }, { order: 'newest', limit: 5 });
        }),
        { numRuns: 400 },
      );
      expect(accepted).toBeGreaterThan(100);
    });
  });

  describe('when each query shape is planned with sequential scans disabled', () => {
    /**
     * Every read of the whole statements table: a sequential scan, or (what the planner picks with
     * sequential scans off when no index fits) a full index scan, without an index condition, whose
     * rows are then sorted. A backward scan that gives the order itself and stops at the LIMIT is fine,
     * also when the page it picked is sorted again above that LIMIT (a Limit node ends what a Sort
     * above it sees; one below it does not).
     */
    const fullScansOfStatements = (plan: unknown): string[] => {
      const found: string[] = [];
      const walk = (node: Record<string, unknown>, underSort: boolean): void => {
        const type = String(node['Node Type']);
        if (node['Relation Name'] === 'statements') {
          if (type === 'Seq Scan') found.push(`Seq Scan on ${String(node['Alias'])}`);
          if (/^Index (Only )?Scan$/.test(type) && !node['Index Cond'] && underSort)
            found.push(`sorted ${type} on ${String(node['Index Name'])}`);
        }
        for (const child of (node['Plans'] as Array<Record<string, unknown>> | undefined) ?? [])
          walk(child, type === 'Sort' ? true : type === 'Limit' ? false : underSort);
      };
      walk((plan as Array<{ Plan: Record<string, unknown> }>)[0]!.Plan, false);
      return found;
    };

    it('reads statements through an index, never a table scan', async () => {
      const recorder = new RecordingRunner(dataSource);
      const recorded = new ContributionQueries(recorder);
      const query = parseTextQuery('sanctions OR "air defence" OR ukrain*');
      const key = { saidAt: '2026-03-03T10:00:00.123456Z', id: 'x' };
      await recorded.searchStatements({ query }, { order: 'rank', query, limit: 20 });
      await recorded.searchStatements({ query }, { order: 'rank', query, limit: 20, after: { rank: 0.1, id: 'x', newest: key } });
      await recorded.searchStatements({ query, actorId: SPEAKERS.scholz.actorId }, { order: 'newest', limit: 20, after: key });
      await recorded.searchStatements({}, { order: 'newest', limit: 20 });
      await recorded.searchStatements({}, { order: 'newest', limit: 20, after: key });
      await recorded.searchStatements({ actorId: SPEAKERS.scholz.actorId }, { order: 'newest', limit: 20, after: key });
      await recorded.searchStatements(
        { outlet: 'Wire One', kind: 'direct', sentiment: 'negative' },
        { order: 'newest', limit: 20 },
      );
      await recorded.searchStatements(
        { from: '2026-03-02T00:00:00Z', to: '2026-03-04T00:00:00Z' },
        { order: 'newest', limit: 20 },
      );
      await recorded.statementsBy(SPEAKERS.scholz.actorId, 20, { offset: 0 });
      await recorded.statementsBy(SPEAKERS.scholz.actorId, 20, { after: key });
      await recorded.statementsAfter('0', {}, 100);
      await recorded.statementsAfter('0', { actorId: SPEAKERS.scholz.actorId }, 100);
      await recorded.statementStreamStart();
      expect(recorder.sent).toHaveLength(13);
      for (const { sql, parameters } of recorder.sent) {
        const plan = await dataSource.transaction(async (manager) => {
          await manager.query('SET LOCAL enable_seqscan = off');
          const [row] = await manager.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
          return row['QUERY PLAN'];
        });
        expect(fullScansOfStatements(plan), `${sql}\n${JSON.stringify(plan)}`).toEqual([]);
      }
    });
  });

  describe('when statements are projected after a stream position', () => {
    /** A stream position as the (transaction, seq) pair it orders by. */
    const order = (position: string): [bigint, bigint] => {
      const [xact, seq] = position.split('.');
      return [BigInt(xact!), BigInt(seq!)];
    };
    const before = (a: string, b: string): boolean => {
      const [[ax, as], [bx, bs]] = [order(a), order(b)];
      return ax < bx || (ax === bx && as < bs);
    };

    it('streams them in order from there, optionally of one speaker, with the whole text as one segment', async () => {
      const everything = await queries.statementsAfter('0', {}, 100);
      expect(everything.map((s) => s.hit.text).sort()).toEqual(ALL.map((s) => s.text).sort());
      const positions = everything.map((s) => s.position);
      for (let i = 1; i < positions.length; i += 1) expect(before(positions[i - 1]!, positions[i]!)).toBe(true);
      const fromThird = await queries.statementsAfter(everything[2]!.position, {}, 100);
      expect(fromThird.map((s) => s.position)).toEqual(everything.slice(3).map((s) => s.position));
      expect(await queries.statementsAfter(await queries.statementStreamStart(), {}, 100)).toEqual([]);
      const scholz = await queries.statementsAfter('0', { actorId: SPEAKERS.scholz.actorId }, 100);
      expect(scholz.map((s) => s.hit.speaker?.id)).toEqual([SPEAKERS.scholz.actorId, SPEAKERS.scholz.actorId]);
      for (const { hit } of everything) expect(hit.fragments).toEqual([{ text: hit.text, match: false }]);
    });

    it('waits for a batch that drew its positions first but commits last, instead of passing it', async () => {
      const insert = (id: string) =>
        `INSERT INTO statements (id, article_id, speaker_id, speaker_name, kind, text, start_offset, end_offset,
                                 sentiment_score, sentiment_label, cluster_id, said_at, outlet)
         VALUES ('${id}', 'a5', NULL, NULL, 'direct', 'Said by ${id}', 0, 10, 0, 'neutral', '${id}', now(), 'Daily Two')`;
      const start = await queries.statementStreamStart();
      // Two sessions of their own: the data source's pool stays free for the reader.
      const [slow, fast] = [new Client({ connectionString: url }), new Client({ connectionString: url })];
      await Promise.all([slow.connect(), fast.connect()]);
      const streamed: string[] = [];
      let position = start;
      const read = async () => {
        for (const s of await queries.statementsAfter(position, {}, 100)) {
          streamed.push(s.hit.id);
          position = s.position;
        }
      };
      try {
        await slow.query('BEGIN');
        await slow.query(insert('slow-batch'));
        await fast.query('BEGIN');
        await fast.query(insert('fast-batch'));
        await fast.query('COMMIT');
        await read();
        await slow.query('COMMIT');
        await read();
        expect(streamed).toEqual(['slow-batch', 'fast-batch']);
      } finally {
        await Promise.all([slow.end(), fast.end()]);
        await dataSource.query(`DELETE FROM statements WHERE id IN ('slow-batch', 'fast-batch')`);
      }
    });
  });

  describe('when an article is retracted or revised', () => {
    it("drops the retracted article's statements and replaces the revised one's, which stream again", async () => {
      const before = await queries.statementStreamStart();
      const a5 = CORPUS.find((a) => a.id === 'a5')!;
      // The corpus batch again first: the helper numbers analyses from offset 0, and the stored position skips what was applied.
      await projectInPostgres(dataSource, [
        { analyses: CORPUS.map((a) => analysisOf(a)) },
        { articles: [retracted('10', 'a4'), revised('11', 'a5', 'Title of a5', a5.outlet)] },
        {
          analyses: [
            analysisOf(a5, [{ text: 'Talks resumed in Geneva.', speaker: null, kind: 'indirect', sentiment: 'positive' }], '11'),
          ],
        },
      ]);
      expect(await texts('oil')).toEqual(['Oil prices will fall.']);
      expect(await texts('collapsed')).toEqual([]);
      expect(await texts('geneva')).toEqual(['Talks resumed in Geneva.']);
      expect((await queries.statementsAfter(before, {}, 100)).map((s) => s.hit.text)).toEqual(['Talks resumed in Geneva.']);
    });
  });
});
