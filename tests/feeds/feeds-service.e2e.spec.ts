import { runChronicle } from '../support/chronicle-cli';
import { articleIdFor } from '@chronicle/contracts';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/test-environment';
import { ChronicleStack, createStack } from '../e2e/support/chronicle-stack';

interface Entry {
  slug: string;
  title: string;
  /** When set the feed carries the full text; otherwise only a summary, and the service fetches the page. */
  content?: string;
  publishedAt: string;
}

interface FeedView {
  id: string;
  url: string;
  status: 'active' | 'failing' | 'paused';
  lastError: string | null;
  entriesSeen: number;
}

const paragraph = (slug: string) =>
  `The council of the city of Exampleton met on Tuesday to discuss the ${slug.replace(/-/g, ' ')} report. ` +
  'Members debated the budget for the harbour, the new tram line and the library for more than three hours. ' +
  '"We have waited long enough for this decision," said Maria Lindqvist, who chairs the transport committee. ' +
  'The opposition asked for more time to study the figures before the final vote next month.';

const page = (entry: Entry) => `<!doctype html><html><head><title>${entry.title}</title></head><body>
<header><nav><a href="/">Home</a></nav></header>
<article><h1>${entry.title}</h1>
${[1, 2, 3, 4].map((n) => `<p>${paragraph(`${entry.slug} part ${n}`)}</p>`).join('\n')}
</article><footer>Exampleton Gazette</footer></body></html>`;

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A site serving three feeds (RSS 2.0, Atom, JSON Feed) with conditional GETs, article pages, and a broken feed. */
class FeedSite {
  private server!: Server;
  base = '';
  readonly rss: Entry[] = [
    { slug: 'rss-one', title: 'Harbour budget approved', publishedAt: '2026-11-30T08:00:00Z' },
    { slug: 'rss-two', title: 'Tram line delayed', content: paragraph('rss two'), publishedAt: '2026-11-30T09:00:00Z' },
    { slug: 'shared-story', title: 'Library reopens', publishedAt: '2026-11-30T10:00:00Z' },
  ];
  readonly atom: Entry[] = [
    { slug: 'atom-one', title: 'Council elects new chair', content: paragraph('atom one'), publishedAt: '2026-11-30T07:00:00Z' },
    { slug: 'shared-story', title: 'Library reopens', content: paragraph('shared story'), publishedAt: '2026-11-30T10:00:00Z' },
  ];
  readonly json: Entry[] = [
    { slug: 'json-one', title: 'Ferry timetable changes', content: paragraph('json one'), publishedAt: '2026-11-30T06:00:00Z' },
    { slug: 'json-two', title: 'School year extended', publishedAt: '2026-11-30T05:00:00Z' },
  ];
  /** Responses per path and status. */
  readonly responses = new Map<string, Map<number, number>>();
  private readonly inFlight = new Map<string, number>();
  /** The most requests one path had in flight at once. */
  readonly maxInFlight = new Map<string, number>();

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }

  url(slug: string): string {
    return `${this.base}/articles/${slug}`;
  }

  count(path: string, status: number): number {
    return this.responses.get(path)?.get(status) ?? 0;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', this.base).pathname;
    const running = (this.inFlight.get(path) ?? 0) + 1;
    this.inFlight.set(path, running);
    this.maxInFlight.set(path, Math.max(this.maxInFlight.get(path) ?? 0, running));
    try {
      // Slow enough that two replicas polling one feed at once would overlap here.
      if (path.endsWith('.xml') || path.endsWith('.json')) await new Promise((done) => setTimeout(done, 150));
      const [status, type, body] = this.answer(path, request.headers['if-none-match']);
      const byStatus = this.responses.get(path) ?? new Map<number, number>();
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      this.responses.set(path, byStatus);
      if (status === 200 && type) {
        response.writeHead(200, { 'content-type': type, etag: etagOf(body) });
        response.end(body);
      } else {
        response.writeHead(status, { 'content-length': '0' });
        response.end();
      }
    } finally {
      this.inFlight.set(path, this.inFlight.get(path)! - 1);
    }
  }

  private answer(path: string, ifNoneMatch: string | undefined): [number, string?, string?] {
    const documents: Record<string, [string, () => string]> = {
      '/rss.xml': ['application/rss+xml; charset=utf-8', () => this.rssDocument()],
      '/atom.xml': ['application/atom+xml; charset=utf-8', () => this.atomDocument()],
      '/feed.json': ['application/feed+json', () => this.jsonDocument()],
    };
    if (path === '/broken.xml') return [500];
    if (path === '/robots.txt') return [200, 'text/plain', 'User-agent: *\nAllow: /\n'];
    const document = documents[path];
    if (document) {
      const body = document[1]();
      return ifNoneMatch === etagOf(body) ? [304] : [200, document[0], body];
    }
    const slug = path.match(/^\/articles\/([\w-]+)$/)?.[1];
    const entry = slug && [...this.rss, ...this.atom, ...this.json].find((candidate) => candidate.slug === slug);
    return entry ? [200, 'text/html; charset=utf-8', page(entry)] : [404];
  }

  private rssDocument(): string {
    const items = this.rss.map(
      (entry) => `<item><title>${entry.title}</title><link>${this.url(entry.slug)}</link><guid>${this.url(entry.slug)}</guid>
<pubDate>${new Date(entry.publishedAt).toUTCString()}</pubDate><description>Summary of ${entry.title}.</description>
${entry.content ? `<content:encoded><![CDATA[<p>${entry.content}</p>]]></content:encoded>` : ''}</item>`,
    );
    return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Exampleton Gazette</title><link>${this.base}/</link><description>News</description>
${items.join('\n')}
</channel></rss>`;
  }

  private atomDocument(): string {
    const entries = this.atom.map(
      (entry) => `<entry><title>${entry.title}</title><link rel="alternate" href="${this.url(entry.slug)}"/>
<id>urn:example:${entry.slug}</id><updated>${entry.publishedAt}</updated>
<content type="html">${xmlEscape(`<p>${entry.content}</p>`)}</content></entry>`,
    );
    return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Exampleton Atom</title><id>urn:example:atom</id>
<link rel="alternate" href="${this.base}/"/><updated>2026-11-30T10:00:00Z</updated>
${entries.join('\n')}
</feed>`;
  }

  private jsonDocument(): string {
    return JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Exampleton JSON',
      home_page_url: `${this.base}/`,
      items: this.json.map((entry) => ({
        id: entry.slug,
        url: this.url(entry.slug),
        title: entry.title,
        date_published: entry.publishedAt,
        ...(entry.content ? { content_html: `<p>${entry.content}</p>` } : { summary: `Summary of ${entry.title}.` }),
      })),
    });
  }
}

function etagOf(body: string | undefined): string {
  let hash = 0;
  for (const char of body ?? '') hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return `"${(hash >>> 0).toString(16)}-${(body ?? '').length}"`;
}

describe('feeds service', () => {
  const site = new FeedSite();
  let stack: ChronicleStack;
  let feeds: string;

  const articleIds = async (): Promise<Set<string>> =>
    new Set((await stack.query<{ id: string }>('SELECT id FROM articles')).map((row) => row.id));
  const sources = async (): Promise<FeedView[]> => {
    const response = await fetch(`${feeds}/v1/feeds`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { feeds: FeedView[] }).feeds;
  };
  const idOf = (slug: string) => articleIdFor({ url: site.url(slug), title: '', body: '' });
  const addSource = (body: unknown) =>
    fetch(`${feeds}/v1/feeds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    await site.start();
    stack = await createStack('feeds-service', {
      FEEDS_ALLOWED_HOSTS: site.base.replace('http://', ''),
      FEEDS_MIN_INTERVAL_SECONDS: '1',
      FEEDS_MAX_INTERVAL_SECONDS: '3',
      FEEDS_CONTACT: 'mailto:e2e@chronicle.example',
    });
    await Promise.all([stack.cluster.start('enrich'), stack.cluster.start('project')]);
    await stack.cluster.start('feeds', 0);
    await stack.cluster.start('feeds', 1);
    feeds = stack.cluster.url('feeds', 0);
  });

  afterAll(async () => {
    await stack?.teardown();
    await site.stop();
  });

  it('refuses a bad source, naming each problem', async () => {
    const bad = await addSource({ url: 'ftp://example.org/feed', intervalSeconds: 0 });
    expect(bad.status).toBe(400);
    const problems = ((await bad.json()) as { problems: Array<{ path: string }> }).problems.map((problem) => problem.path).sort();
    expect(problems).toEqual(['intervalSeconds', 'url']);
  });

  it('turns every entry of RSS, Atom and JSON feeds into one article each', async () => {
    for (const path of ['/rss.xml', '/atom.xml', '/feed.json', '/broken.xml']) {
      const response = await addSource({ url: `${site.base}${path}`, intervalSeconds: 1 });
      expect(response.status, path).toBe(201);
    }
    expect((await addSource({ url: `${site.base}/rss.xml` })).status).toBe(409);

    const expected = ['rss-one', 'rss-two', 'shared-story', 'atom-one', 'json-one', 'json-two'].map(idOf);
    await waitFor(
      async () => {
        const ids = await articleIds();
        return expected.every((id) => ids.has(id));
      },
      { timeoutMs: 120_000, intervalMs: 500, description: 'every feed entry as an article' },
    );

    // The story in two feeds is one article, filed under its URL's id.
    const shared = await stack.query<{ count: string }>('SELECT count(*) FROM articles WHERE url = $1', [
      site.url('shared-story'),
    ]);
    expect(Number(shared[0]!.count)).toBe(1);
    // Summary-only entries had their page read for the full text, once.
    const rssOne = await stack.query<{ body: string; outlet: string }>('SELECT body, outlet FROM articles WHERE id = $1', [
      idOf('rss-one'),
    ]);
    expect(rssOne[0]!.body).toContain('Maria Lindqvist');
    expect(rssOne[0]!.outlet).toBe('127.0.0.1');
    expect(site.count('/articles/rss-one', 200)).toBe(1);
    expect(site.count('/articles/json-two', 200)).toBe(1);
  });

  it('leaves a source answering 500 failing with its error, while the others stay active', async () => {
    const listed = await waitFor(sources, {
      until: (all) => all.find((source) => source.url.endsWith('/broken.xml'))?.status === 'failing',
      timeoutMs: 60_000,
      intervalMs: 500,
      description: 'the broken source failing',
    });
    const broken = listed.find((source) => source.url.endsWith('/broken.xml'))!;
    expect(broken.lastError).toContain('HTTP 500');
    for (const source of listed.filter((candidate) => candidate !== broken)) {
      expect(source.status, source.url).toBe('active');
      expect(source.lastError, source.url).toBeNull();
    }
    expect(listed.find((source) => source.url.endsWith('/rss.xml'))!.entriesSeen).toBe(3);
  });

  it('submits a new entry once, while unchanged feeds answer 304', async () => {
    site.rss.unshift({ slug: 'rss-new', title: 'Bridge closed for repairs', publishedAt: '2026-11-30T11:00:00Z' });
    await waitFor(async () => (await articleIds()).has(idOf('rss-new')), {
      timeoutMs: 60_000,
      intervalMs: 500,
      description: 'the new entry as an article',
    });
    // A few more polls of the changed feed: the entry is not submitted (nor its page read) again.
    const rssFetches = site.count('/rss.xml', 200) + site.count('/rss.xml', 304);
    await waitFor(async () => site.count('/rss.xml', 200) + site.count('/rss.xml', 304) >= rssFetches + 2, {
      timeoutMs: 30_000,
      intervalMs: 250,
      description: 'two more polls of the RSS feed',
    });
    expect(site.count('/articles/rss-new', 200)).toBe(1);
    expect((await sources()).find((source) => source.url.endsWith('/rss.xml'))!.entriesSeen).toBe(4);
    for (const path of ['/atom.xml', '/feed.json']) {
      expect(site.count(path, 200), path).toBe(1);
      expect(site.count(path, 304), path).toBeGreaterThan(0);
    }
    expect(site.count('/rss.xml', 200)).toBe(2);
  });

  it('lets an operator add, list, poll and remove sources with the CLI', async () => {
    const cli = (...args: string[]) => runChronicle(stack.env, 'feeds', ...args);
    const url = `${site.base}/cli-feed.xml`;
    expect(await cli('add', url, `${site.base}/rss.xml`, '--outlet', 'CLI Gazette', '--interval', '5m')).toBe(
      `Added ${url}\nAlready a source: ${site.base}/rss.xml\n`,
    );
    const listed = JSON.parse(await cli('list', '--json')) as Array<FeedView & { outlet: string; intervalSeconds: number }>;
    expect(listed.find((source) => source.url === url)).toMatchObject({ outlet: 'CLI Gazette', intervalSeconds: 300 });
    expect(await cli('poll', url)).toBe(`${url} is due now.\n`);
    expect(await cli('remove', url)).toBe(`Removed ${url}.\n`);
    expect((await sources()).map((source) => source.url)).not.toContain(url);
  });

  it('never has two replicas fetch one feed at the same time', () => {
    for (const path of ['/rss.xml', '/atom.xml', '/feed.json', '/broken.xml']) expect(site.maxInFlight.get(path), path).toBe(1);
  });
});
