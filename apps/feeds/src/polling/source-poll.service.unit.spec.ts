import { ChronicleConfig } from '@chronicle/config';
import { FeedArticleSubmission } from '@chronicle/feeds';
import { MetricsRegistry } from '@chronicle/platform';
import { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { articlePage, articleParagraphs, feedDocument, GeneratedEntry, pageWithoutMainText } from '@chronicle/test-support';
import { FetchOutcome } from '../fetching/fetch-outcome';
import { PoliteFetcher } from '../fetching/polite-fetcher';
import { FeedSource } from '../sources/feed-source.repository';
import { FeedArticlePublisher, PublishResult } from './feed-article.publisher';
import { FeedMetrics } from './feed-metrics';
import { SourcePollService } from './source-poll.service';

const SITE = 'https://news.example';
const html = (body: string): FetchOutcome => ({
  kind: 'fetched',
  status: 200,
  bytes: new TextEncoder().encode(body),
  contentType: 'text/html; charset=utf-8',
  finalUrl: SITE,
});
const feedBytes = (body: string): FetchOutcome => ({
  kind: 'fetched',
  status: 200,
  bytes: new TextEncoder().encode(body),
  contentType: 'application/xml',
  etag: '"v1"',
  finalUrl: `${SITE}/feed.xml`,
});

const source: FeedSource = {
  id: '00000000-0000-4000-8000-000000000001',
  url: `${SITE}/feed.xml`,
  outlet: 'News',
  intervalSeconds: 60,
  status: 'active',
  etag: null,
  lastModified: null,
  nextPollAt: '2026-11-30T00:00:00.000Z',
  lastPolledAt: null,
  lastNewEntryAt: null,
  entriesSeen: 0,
  consecutiveFailures: 0,
  lastError: null,
  entryProblems: 0,
  lastEntryProblem: null,
  createdAt: '2026-11-30T00:00:00.000Z',
};

/** A poll service over fakes: `answers` by URL, every entry unseen, the publisher accepting all but `refuse`. */
function given(answers: Record<string, FetchOutcome>, refuse: (article: FeedArticleSubmission) => string | null = () => null) {
  const published: FeedArticleSubmission[] = [];
  const markedSeen: string[][] = [];
  const database = {
    query: async (sql: string, params: unknown[]) => {
      if (sql.startsWith('INSERT INTO feed_entries_seen')) markedSeen.push(params[1] as string[]);
      return [];
    },
  } as unknown as DataSource;
  const fetcher = {
    fetch: async (url: string): Promise<FetchOutcome> =>
      answers[url] ?? { kind: 'failed', reason: 'HTTP 404 (Not Found)', permanent: true, status: 404 },
  } as unknown as PoliteFetcher;
  const publisher = {
    publishAll: async (articles: readonly FeedArticleSubmission[]): Promise<PublishResult[]> =>
      articles.map((article) => {
        const reason = refuse(article);
        if (reason) return { published: false, reason };
        published.push(article);
        return { published: true, articleId: article.url };
      }),
  } as unknown as FeedArticlePublisher;
  const config = { feeds: { minIntervalMs: 60_000, maxIntervalMs: 3_600_000 } } as ChronicleConfig;
  const service = new SourcePollService(database, fetcher, publisher, new FeedMetrics(new MetricsRegistry('feeds')), config);
  return { service, published, markedSeen };
}

const entry = (slug: string, fields: Partial<GeneratedEntry> = {}): GeneratedEntry => ({
  url: `${SITE}/articles/${slug}`,
  title: `Story ${slug}`,
  summary: `Summary of ${slug}.`,
  publishedAt: '2026-11-30T08:00:00Z',
  ...fields,
});

describe(SourcePollService.name, () => {
  describe('when a news sitemap lists a page with main text and a page without', () => {
    it('submits the first, skips the second with a counted reason, and remembers both', async () => {
      const { service, published, markedSeen } = given({
        [source.url]: feedBytes(feedDocument('news-sitemap', `${SITE}/`, 'News', [entry('gallery'), entry('story')])),
        [`${SITE}/articles/story`]: html(articlePage('Story', articleParagraphs('story'))),
        [`${SITE}/articles/gallery`]: html(pageWithoutMainText('Gallery')),
      });
      const record = await service.poll(source, new AbortController().signal);
      expect(record).toMatchObject({
        kind: 'success',
        newEntries: 1,
        entryProblems: 1,
        lastEntryProblem: `${SITE}/articles/gallery: skipped: no text (the page has no main text, and no summary)`,
      });
      expect(published.map((article) => article.url)).toEqual([`${SITE}/articles/story`]);
      expect(published[0]!.body).toContain('Maria Lindqvist');
      expect(markedSeen.flat().sort()).toEqual([`${SITE}/articles/gallery`, `${SITE}/articles/story`]);
    });
  });

  describe("when a summary-only entry's page cannot be fetched", () => {
    it("submits the feed's summary and says why", async () => {
      const { service, published } = given({
        [source.url]: feedBytes(feedDocument('rss2', `${SITE}/`, 'News', [entry('gone')])),
      });
      const record = await service.poll(source, new AbortController().signal);
      expect(record).toMatchObject({ kind: 'success', newEntries: 1, entryProblems: 1 });
      expect(record.kind === 'success' && record.lastEntryProblem).toBe(
        `${SITE}/articles/gone: kept the feed's summary: page not fetched: HTTP 404 (Not Found)`,
      );
      expect(published.map((article) => article.body)).toEqual(['Summary of gone.']);
    });
  });

  describe('when ingest refuses one entry', () => {
    it('publishes the others and counts the refused one, without failing the source', async () => {
      const full = { contentHtml: `<p>${articleParagraphs('x', 1)[0]}</p>` };
      const { service, published } = given(
        { [source.url]: feedBytes(feedDocument('atom', `${SITE}/`, 'News', [entry('a', full), entry('b', full)])) },
        (article) => (article.url.endsWith('/b') ? 'too large' : null),
      );
      const record = await service.poll(source, new AbortController().signal);
      expect(record).toMatchObject({
        kind: 'success',
        newEntries: 1,
        entryProblems: 1,
        lastEntryProblem: `${SITE}/articles/b: skipped: too large`,
      });
      expect(published).toHaveLength(1);
    });
  });

  describe('when every new entry has its text in the feed', () => {
    it('reads no page and reports no entry problem', async () => {
      const full = { contentHtml: `<p>${articleParagraphs('x', 1)[0]}</p>` };
      const { service } = given({ [source.url]: feedBytes(feedDocument('json-feed', `${SITE}/`, 'News', [entry('a', full)])) });
      const record = await service.poll(source, new AbortController().signal);
      expect(record).toMatchObject({ kind: 'success', newEntries: 1, entryProblems: 0 });
      expect(record.kind === 'success' && record.lastEntryProblem).toBeUndefined();
    });
  });

  describe("when an entry's page nests elements thousands deep", () => {
    it("submits the feed's summary and says why, without reading the page", async () => {
      const deep = `<html><body>${'<div>'.repeat(5_000)}<p>text</p>${'</div>'.repeat(5_000)}</body></html>`;
      const { service, published } = given({
        [source.url]: feedBytes(feedDocument('rss2', `${SITE}/`, 'News', [entry('deep')])),
        [`${SITE}/articles/deep`]: html(deep),
      });
      const record = await service.poll(source, new AbortController().signal);
      expect(record).toMatchObject({ kind: 'success', newEntries: 1, entryProblems: 1 });
      expect(record.kind === 'success' && record.lastEntryProblem).toMatch(/the page nests elements \d+ deep/);
      expect(published.map((article) => article.body)).toEqual(['Summary of deep.']);
    });
  });
});
