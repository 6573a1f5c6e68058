import { runChronicle } from '../support/chronicle-cli';
import { articleIdFor } from '@chronicle/contracts';
import { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articlePage,
  articleParagraphs,
  FEED_CONTENT_TYPE,
  feedDocument,
  GeneratedEntry,
  GeneratedFeedFormat,
  PAGE_CHROME,
  pageWithoutMainText,
  xmlEscape,
} from '@chronicle/test-support';
import { ChronicleStack, createStack } from '../e2e/support/chronicle-stack';
import { waitFor } from '../support/test-environment';
import { LoopbackSites } from './support/loopback-sites';

/** The service's fetch deadline here: short, so a stalled source shows it within the test. */
const FETCH_TIMEOUT_SECONDS = 2;
const FORMATS: GeneratedFeedFormat[] = [
  ...Array<GeneratedFeedFormat>(5).fill('rss2'),
  ...Array<GeneratedFeedFormat>(3).fill('rdf'),
  ...Array<GeneratedFeedFormat>(4).fill('atom'),
  ...Array<GeneratedFeedFormat>(4).fill('json-feed'),
  ...Array<GeneratedFeedFormat>(4).fill('news-sitemap'),
];
/** Good feeds sit two to a host on these; each misbehaving source has a host of its own. */
const FEED_HOSTS = Array.from({ length: 10 }, (_, n) => `127.0.0.${11 + n}`);
const BAD = {
  malformed: '127.0.0.31',
  serverError: '127.0.0.32',
  throttled: '127.0.0.33',
  stall: '127.0.0.34',
  huge: '127.0.0.35',
  loop: '127.0.0.36',
  privateRedirect: '127.0.0.37',
  latin1: '127.0.0.38',
  noMainText: '127.0.0.39',
} as const;

interface Feed {
  name: string;
  format: GeneratedFeedFormat;
  host: string;
  path: string;
  /** Newest first. */
  entries: GeneratedEntry[];
  version: number;
}

interface SourceView {
  id: string;
  url: string;
  status: 'active' | 'failing' | 'deferred' | 'paused';
  lastPolledAt: string | null;
  lastError: string | null;
  entriesSeen: number;
  entryProblems: number;
  lastEntryProblem: string | null;
}

interface ArticleView {
  id: string;
  url: string | null;
  title: string;
  body: string;
}

/** Resolves when the response can take more or the client hung up, leaving no listener behind. */
function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((done) => {
    const settle = () => {
      response.off('drain', settle).off('close', settle);
      done();
    };
    response.once('drain', settle).once('close', settle);
  });
}

const idOf = (url: string) => articleIdFor({ url, title: '', body: '' });

describe('feeds service polling many sources', () => {
  const pages = new Map<string, { html: string; summaryOnly: boolean }>();
  const feeds: Feed[] = [];
  const sites = new LoopbackSites((request, response, path) => handle(request, response, path));
  let stack: ChronicleStack;
  let feedsUrl: string;
  let apiUrl: string;
  let shared: GeneratedEntry;

  const feedPath = (feed: Feed) => feed.path;
  const etagOf = (feed: Feed) => `"${feed.name}-v${feed.version}"`;
  const lastModifiedOf = (feed: Feed) => new Date(Date.UTC(2026, 10, 30) + feed.version * 60_000).toUTCString();

  /** Adds an entry to a feed (a new version of its document), with its page. Every other entry is summary-only. */
  function addEntry(feed: Feed, round: number, index: number): GeneratedEntry {
    const slug = `${feed.name}-r${round}-e${index}`;
    const url = `${sites.origin(feed.host)}/articles/${slug}`;
    const paragraphs = articleParagraphs(slug.replace(/-/g, ' '));
    const summaryOnly = feed.format === 'news-sitemap' || (round + index) % 2 === 1;
    const entry: GeneratedEntry = {
      url,
      title: `Story ${slug}`,
      summary: `Summary of ${slug}.`,
      publishedAt: new Date(Date.UTC(2026, 10, 30, 8 + round, index)).toISOString(),
      ...(summaryOnly ? {} : { contentHtml: paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('') }),
    };
    pages.set(new URL(url).pathname, { html: articlePage(entry.title, paragraphs), summaryOnly });
    feed.entries.unshift(entry);
    feed.version += 1;
    return entry;
  }

  function handle(request: IncomingMessage, response: ServerResponse, path: string): void | Promise<void> {
    if (path === '/robots.txt')
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    const feed = feeds.find((candidate) => feedPath(candidate) === path);
    if (feed) {
      const siteUrl = `${sites.origin(feed.host)}/`;
      const unchanged =
        feed.format === 'news-sitemap'
          ? request.headers['if-modified-since'] === lastModifiedOf(feed)
          : request.headers['if-none-match'] === etagOf(feed);
      if (unchanged) return void response.writeHead(304).end();
      const validators = feed.format === 'news-sitemap' ? { 'last-modified': lastModifiedOf(feed) } : { etag: etagOf(feed) };
      response.writeHead(200, { 'content-type': FEED_CONTENT_TYPE[feed.format], ...validators });
      return void response.end(feedDocument(feed.format, siteUrl, `Gazette ${feed.name}`, feed.entries));
    }
    const page = pages.get(path);
    if (page) return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page.html);
    return misbehave(response, path);
  }

  async function misbehave(response: ServerResponse, path: string): Promise<void> {
    switch (path) {
      case '/bad/malformed.xml':
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        return void response.end('<?xml version="1.0"?><rss version="2.0"><channel><item><title>Broken</item></channel>');
      case '/bad/error.xml':
        return void response.writeHead(500, { 'content-length': '0' }).end();
      case '/bad/throttled.xml':
        return void response.writeHead(429, { 'retry-after': '600', 'content-length': '0' }).end();
      case '/bad/stall.xml': {
        // Says nothing for 20 s, unless the client gives up first.
        const timer = setTimeout(() => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss/>'), 20_000);
        response.once('close', () => clearTimeout(timer));
        return;
      }
      case '/bad/huge.xml':
        return streamHugeFeed(response);
      case '/bad/loop-a.xml':
        return void response.writeHead(302, { location: '/bad/loop-b.xml', 'content-length': '0' }).end();
      case '/bad/loop-b.xml':
        return void response.writeHead(302, { location: '/bad/loop-a.xml', 'content-length': '0' }).end();
      case '/bad/private.xml':
        return void response.writeHead(302, { location: 'http://10.20.30.40/feed.xml', 'content-length': '0' }).end();
      case '/latin1.xml':
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=ISO-8859-1' });
        return void response.end(Buffer.from(latin1Feed(), 'latin1'));
      case '/no-main-text.xml':
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"no-main-text"' });
        return void response.end(
          feedDocument('rss2', `${sites.origin(BAD.noMainText)}/`, 'Gallery Gazette', [
            {
              url: `${sites.origin(BAD.noMainText)}/gallery/harbour`,
              title: 'Harbour in pictures',
              summary: 'Twelve photographs of the harbour at dawn.',
              publishedAt: '2026-11-30T07:00:00Z',
            },
          ]),
        );
      case '/gallery/harbour':
        return void response.writeHead(200, { 'content-type': 'text/html' }).end(pageWithoutMainText('Harbour in pictures'));
      default:
        return void response.writeHead(404, { 'content-length': '0' }).end();
    }
  }

  /** 50 MB of feed, written as fast as the client reads, until it hangs up. */
  async function streamHugeFeed(response: ServerResponse): Promise<void> {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    response.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
    for (let written = 0; written < 50 * 1024 * 1024 && !response.destroyed; written += chunk.length) {
      if (!response.write(chunk)) await drainedOrClosed(response);
    }
    response.end('</title></channel></rss>');
  }

  const latin1Url = () => `${sites.origin(BAD.latin1)}/articles/zurich-cafe`;
  function latin1Feed(): string {
    const body =
      '<p>In Zürich, the café on the Limmat reopened on Monday after a year of repairs. Its owner, Jürg Müller, served crème brûlée to the first guests.</p>';
    return `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Zürcher Blatt</title><link>${sites.origin(BAD.latin1)}/</link><description>Nachrichten</description>
<item><title>Café in Zürich reopens</title><link>${latin1Url()}</link><guid>${latin1Url()}</guid><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate>
<description>Café reopens</description><content:encoded>${xmlEscape(body)}</content:encoded></item></channel></rss>`;
  }

  const listSources = async (): Promise<SourceView[]> => {
    const response = await fetch(`${feedsUrl}/v1/feeds`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { feeds: SourceView[] }).feeds;
  };
  const sourceAt = (all: SourceView[], path: string) => all.find((source) => new URL(source.url).pathname === path)!;
  const article = async (url: string): Promise<ArticleView | null> => {
    const response = await fetch(`${apiUrl}/v1/articles/${encodeURIComponent(idOf(url))}`);
    if (response.status === 404) return null;
    expect(response.status, url).toBe(200);
    return (await response.json()) as ArticleView;
  };
  const storedArticleIds = async () =>
    new Set((await stack.query<{ id: string }>('SELECT id FROM articles')).map((row) => row.id));
  const expectedUrls = () => new Set(feeds.flatMap((feed) => feed.entries.map((entry) => entry.url)));

  /** Waits until every entry served so far is an article, then checks each through the api service. */
  async function expectEveryEntryOnce(round: number): Promise<void> {
    const urls = [...expectedUrls(), latin1Url(), `${sites.origin(BAD.noMainText)}/gallery/harbour`];
    await waitFor(
      async () => {
        const ids = await storedArticleIds();
        return urls.every((url) => ids.has(idOf(url)));
      },
      { timeoutMs: 120_000, intervalMs: 500, description: `every entry of round ${round} as an article` },
    );
    for (const url of urls) expect((await article(url))?.url, url).toBe(url);
    // Exactly one article per distinct entry URL, and nothing else.
    const [{ count }] = await stack.query<{ count: string }>('SELECT count(*) FROM articles');
    expect(Number(count)).toBe(urls.length);
  }

  /** Waits until every good feed has answered 304 at least once since `sinceMs`: it is polled with its validators. */
  async function expectNotModifiedWhileUnchanged(sinceMs: number): Promise<void> {
    await waitFor(
      () =>
        feeds.every((feed) =>
          sites.served.some((request) => request.path === feed.path && request.status === 304 && request.startedMs >= sinceMs),
        ),
      { timeoutMs: 60_000, intervalMs: 250, description: 'a 304 for every unchanged feed' },
    );
  }

  beforeAll(async () => {
    await sites.start([...FEED_HOSTS, ...Object.values(BAD)]);
    FORMATS.forEach((format, n) =>
      feeds.push({
        name: `f${String(n).padStart(2, '0')}`,
        format,
        host: FEED_HOSTS[n % FEED_HOSTS.length]!,
        path: `/feeds/f${String(n).padStart(2, '0')}.${format === 'json-feed' ? 'json' : 'xml'}`,
        entries: [],
        version: 0,
      }),
    );
    for (const feed of feeds) for (const index of [0, 1]) addEntry(feed, 0, index);
    // One story in an RSS and an Atom feed (on different hosts): one article.
    const rss = feeds.find((feed) => feed.format === 'rss2')!;
    const atom = feeds.find((feed) => feed.format === 'atom')!;
    shared = addEntry(rss, 0, 2);
    atom.entries.unshift(shared);

    stack = await createStack('feed-polling', {
      FEEDS_ALLOWED_HOSTS: '127.0.0.0/8',
      FEEDS_MIN_INTERVAL_SECONDS: '1',
      FEEDS_MAX_INTERVAL_SECONDS: '3',
      FEEDS_FETCH_TIMEOUT_SECONDS: String(FETCH_TIMEOUT_SECONDS),
      FEEDS_POLL_CONCURRENCY: '16',
      FEEDS_CONTACT: 'mailto:e2e@chronicle.example',
    });
    await Promise.all([stack.cluster.start('project'), stack.cluster.start('api'), stack.cluster.start('feeds')]);
    feedsUrl = stack.cluster.url('feeds');
    apiUrl = stack.cluster.url('api');
    const badPaths: Array<[keyof typeof BAD, string]> = [
      ['malformed', '/bad/malformed.xml'],
      ['serverError', '/bad/error.xml'],
      ['throttled', '/bad/throttled.xml'],
      ['stall', '/bad/stall.xml'],
      ['huge', '/bad/huge.xml'],
      ['loop', '/bad/loop-a.xml'],
      ['privateRedirect', '/bad/private.xml'],
      ['latin1', '/latin1.xml'],
      ['noMainText', '/no-main-text.xml'],
    ];
    const urls = [
      ...feeds.map((feed) => `${sites.origin(feed.host)}${feed.path}`),
      ...badPaths.map(([host, path]) => `${sites.origin(BAD[host])}${path}`),
    ];
    for (const url of urls) {
      const response = await fetch(`${feedsUrl}/v1/feeds`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url, intervalSeconds: 1 }),
      });
      expect(response.status, url).toBe(201);
    }
  });

  afterAll(async () => {
    await stack?.teardown();
    await sites.stop();
  });

  it('turns every entry of 20 feeds in five formats into one article each over three rounds, with 304s while unchanged', async () => {
    for (let round = 0; round < 3; round += 1) {
      if (round > 0) for (const feed of feeds) addEntry(feed, round, 0);
      const changedMs = Date.now();
      await expectEveryEntryOnce(round);
      await expectNotModifiedWhileUnchanged(changedMs);
    }
    const listed = await listSources();
    for (const feed of feeds) {
      // One full answer per version of the document; every other poll was a 304.
      expect(sites.count(feed.path, 200), feed.path).toBe(3);
      expect(sites.count(feed.path, 304), feed.path).toBeGreaterThanOrEqual(3);
      const source = sourceAt(listed, feed.path);
      expect(source.status, feed.path).toBe('active');
      expect(source.entriesSeen, feed.path).toBe(feed.entries.length);
    }
    const sharedRows = await stack.query<{ count: string }>('SELECT count(*) FROM articles WHERE url = $1', [shared.url]);
    expect(Number(sharedRows[0]!.count)).toBe(1);
  }, 480_000);

  it("takes a summary-only entry's text from its page, without script or navigation text", async () => {
    let summaryOnly = 0;
    for (const feed of feeds) {
      for (const entry of feed.entries) {
        const path = new URL(entry.url).pathname;
        const found = (await article(entry.url))!;
        expect(found.body, entry.url).toContain('Maria Lindqvist');
        expect(found.body, entry.url).not.toContain(PAGE_CHROME.script);
        expect(found.body, entry.url).not.toContain(PAGE_CHROME.navigation);
        if (pages.get(path)!.summaryOnly) {
          summaryOnly += 1;
          expect(found.body, entry.url).not.toContain(entry.summary);
          expect(sites.count(path, 200), path).toBe(1);
        } else {
          expect(sites.count(path), path).toBe(0);
        }
      }
    }
    expect(summaryOnly).toBeGreaterThanOrEqual(30);
  });

  it('ends each misbehaving source with a clear status and error, in the API and the CLI', async () => {
    const expected: Array<[string, SourceView['status'], RegExp | null]> = [
      ['/bad/malformed.xml', 'failing', /^unreadable feed: not well-formed XML/],
      ['/bad/error.xml', 'failing', /HTTP 500/],
      ['/bad/throttled.xml', 'deferred', /HTTP 429 \(Too Many Requests\); retry after/],
      ['/bad/stall.xml', 'failing', new RegExp(`timed out after ${FETCH_TIMEOUT_SECONDS * 1000} ms`)],
      ['/bad/huge.xml', 'failing', /too large: more than \d+ bytes/],
      ['/bad/loop-a.xml', 'failing', /redirect loop/],
      ['/bad/private.xml', 'failing', /target refused/],
      ['/latin1.xml', 'active', null],
      ['/no-main-text.xml', 'active', null],
    ];
    const listed = await waitFor(listSources, {
      until: (all) =>
        expected.every(([path, status]) => sourceAt(all, path).lastPolledAt !== null && sourceAt(all, path).status === status),
      timeoutMs: 60_000,
      intervalMs: 500,
      description: 'every misbehaving source polled, with its status',
    });
    for (const [path, status, error] of expected) {
      const source = sourceAt(listed, path);
      expect(source.status, path).toBe(status);
      if (error) expect(source.lastError, path).toMatch(error);
      else expect(source.lastError, path).toBeNull();
    }
    // The Retry-After of 10 minutes holds: the throttled feed was asked once.
    expect(sites.count('/bad/throttled.xml')).toBe(1);

    const cli = (...args: string[]) => runChronicle(stack.env, 'feeds', ...args);
    const fromCli = JSON.parse(await cli('list', '--json')) as SourceView[];
    for (const [path] of expected) {
      const viaCli = sourceAt(fromCli, path);
      expect(viaCli.status, path).toBe(sourceAt(listed, path).status);
      if (viaCli.status !== 'active') expect(viaCli.lastError, path).toBeTruthy();
    }
    const table = await cli('list');
    for (const words of ['deferred', 'failing', 'unreadable feed', 'HTTP 429', 'redirect loop', 'target refused'])
      expect(table, words).toContain(words);
  });

  it('never lets one fetch hold a connection much past the fetch timeout', () => {
    const stalled = sites.served.filter((request) => request.path === '/bad/stall.xml');
    expect(stalled.length).toBeGreaterThan(0);
    // Generous: a missed deadline shows as the full 20 s stall.
    const limitMs = FETCH_TIMEOUT_SECONDS * 1000 + 3000;
    for (const request of sites.served)
      expect(request.durationMs, `${request.path} at ${request.startedMs}`).toBeLessThan(limitMs);
    // And the stall really was cut by the timeout, not answered.
    for (const request of stalled) expect(request.durationMs).toBeGreaterThanOrEqual(FETCH_TIMEOUT_SECONDS * 1000 - 100);
  });

  it('reads an ISO-8859-1 feed into correctly decoded text', async () => {
    const found = (await article(latin1Url()))!;
    expect(found.title).toBe('Café in Zürich reopens');
    expect(found.body).toContain('In Zürich, the café on the Limmat');
    expect(found.body).toContain('Jürg Müller');
    expect(found.body).toContain('crème brûlée');
  });

  it("keeps the feed's summary of an entry whose page has no main text, and says so on the source", async () => {
    const found = (await article(`${sites.origin(BAD.noMainText)}/gallery/harbour`))!;
    expect(found.body).toBe('Twelve photographs of the harbour at dawn.');
    const source = sourceAt(await listSources(), '/no-main-text.xml');
    expect(source.entriesSeen).toBe(1);
    expect(source.entryProblems).toBe(1);
    expect(source.lastEntryProblem).toMatch(/gallery\/harbour: kept the feed's summary: the page has no main text/);
  });
});
