import { WebhookTargetPolicy } from '@chronicle/domain';
import fc from 'fast-check';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchOutcome } from '../../apps/feeds/src/fetching/fetch-outcome';
import { HostGate } from '../../apps/feeds/src/fetching/host-gate';
import { DEFAULT_POLITE_FETCHER_LIMITS, PoliteFetcher, PoliteFetcherConfig } from '../../apps/feeds/src/fetching/polite-fetcher';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

interface TestServer {
  port: number;
  url: (path: string) => string;
  hits: Map<string, number>;
  close: () => Promise<void>;
}

async function startServer(handler: Handler): Promise<TestServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    hits.set(request.url!, (hits.get(request.url!) ?? 0) + 1);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';
const LAST_MODIFIED = 'Wed, 15 Jan 2025 12:00:00 GMT';
const MB = 1024 * 1024;

const expectFailed = (outcome: FetchOutcome, reason: RegExp) => {
  expect(outcome).toMatchObject({ kind: 'failed' });
  if (outcome.kind === 'failed') expect(outcome.reason).toMatch(reason);
};

describe(PoliteFetcher.name, () => {
  let site: TestServer;
  let internal: TestServer;
  let bomb: Buffer;
  const userAgents: string[] = [];
  const conditionals: Array<string | undefined> = [];
  let huge: { closed: Promise<{ sent: number; finished: boolean }> } | undefined;
  const stalled = new Set<ServerResponse>();

  beforeAll(async () => {
    bomb = gzipSync(Buffer.alloc(50 * MB));
    internal = await startServer((_request, response) => response.end('internal secret'));
    site = await startServer((request, response) => {
      userAgents.push(request.headers['user-agent'] ?? '');
      const path = request.url!;
      const xml = { 'content-type': 'application/rss+xml; charset=utf-8' };
      if (path === '/etag.xml') {
        conditionals.push(request.headers['if-none-match']);
        if (request.headers['if-none-match'] === '"v1"') return response.writeHead(304).end();
        return response.writeHead(200, { ...xml, etag: '"v1"' }).end(FEED);
      }
      if (path === '/last-modified.xml') {
        if (request.headers['if-modified-since'] === LAST_MODIFIED) return response.writeHead(304).end();
        return response.writeHead(200, { ...xml, 'last-modified': LAST_MODIFIED }).end(FEED);
      }
      if (path === '/gzip.xml') return response.writeHead(200, { ...xml, 'content-encoding': 'gzip' }).end(gzipSync(FEED));
      if (path === '/raw-deflate.xml')
        return response.writeHead(200, { ...xml, 'content-encoding': 'deflate' }).end(deflateRawSync(FEED));
      if (path === '/latin1.xml')
        return response
          .writeHead(200, { 'content-type': 'application/xml; charset=ISO-8859-1' })
          .end(
            Buffer.from(
              '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Caf\u00e9</title></channel></rss>',
              'latin1',
            ),
          );
      if (path === '/500') return response.writeHead(500).end('boom');
      if (path === '/404') return response.writeHead(404).end('gone');
      if (path === '/429-seconds') return response.writeHead(429, { 'retry-after': '120' }).end();
      if (path === '/429-date')
        return response.writeHead(429, { 'retry-after': new Date(Date.now() + 180_000).toUTCString() }).end();
      if (path.startsWith('/429-fuzz?'))
        return response.writeHead(429, { 'retry-after': new URL(path, 'http://test').searchParams.get('v') ?? '' }).end();
      if (path === '/503-no-retry-after') return response.writeHead(503).end();
      if (path === '/stall-body') {
        stalled.add(response);
        response.writeHead(200, xml);
        return void response.write('<rss><channel>');
      }
      if (path === '/stall-headers') return void stalled.add(response);
      if (path === '/huge.xml' || path === '/huge-declared.xml') {
        const total = 50 * MB;
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        huge = {
          closed: new Promise((resolve) => response.on('close', () => resolve({ sent, finished: response.writableFinished }))),
        };
        response.writeHead(200, path === '/huge-declared.xml' ? { ...xml, 'content-length': String(total) } : xml);
        const pump = () => {
          while (sent < total && !response.destroyed) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        return pump();
      }
      if (path === '/bomb.xml') return response.writeHead(200, { ...xml, 'content-encoding': 'gzip' }).end(bomb);
      if (path === '/loop-a') return response.writeHead(302, { location: '/loop-b' }).end();
      if (path === '/loop-b') return response.writeHead(301, { location: `http://127.0.0.1:${site.port}/loop-a` }).end();
      const chain = /^\/chain\/(\d+)$/.exec(path);
      if (chain) return response.writeHead(302, { location: `/chain/${Number(chain[1]) + 1}` }).end();
      if (path === '/moved.xml') return response.writeHead(301, { location: '/etag.xml' }).end();
      if (path === '/to-internal') return response.writeHead(302, { location: internal.url('/secret') }).end();
      if (path === '/to-internal-by-name')
        return response.writeHead(307, { location: `http://localhost:${internal.port}/secret` }).end();
      if (path === '/to-metadata') return response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (path === '/robots.txt')
        return response
          .writeHead(200, { 'content-type': 'text/plain' })
          .end('User-agent: *\nDisallow:\n\nUser-agent: Chronicle\nDisallow: /private/\n');
      if (path === '/private/article.html' || path === '/public/article.html')
        return response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<html><body><p>text</p></body></html>');
      if (path === '/public/report.pdf') return response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF');
      response.writeHead(404).end();
    });
  });

  afterAll(async () => {
    for (const response of stalled) response.destroy();
    await Promise.all([site?.close(), internal?.close()]);
  });

  const fetcher = (
    limits: Partial<PoliteFetcherConfig> = {},
    gate = new HostGate({ maxConcurrentPerHost: 4, minIntervalMs: 0, maxTrackedHosts: 16 }),
  ) =>
    new PoliteFetcher(
      {
        ...DEFAULT_POLITE_FETCHER_LIMITS,
        version: '0.1.0',
        contact: 'mailto:ops@example.org',
        timeoutMs: { feed: 5000, page: 5000, robots: 5000 },
        maxBytes: { feed: MB, page: MB, robots: 64 * 1024 },
        ...limits,
      },
      new WebhookTargetPolicy([`127.0.0.1:${site.port}`]),
      gate,
    );

  describe('when a feed has not changed', () => {
    it('answers 304 to the ETag and says not-modified', async () => {
      const client = fetcher();
      const first = await client.fetch(site.url('/etag.xml'), { kind: 'feed' });
      expect(first).toMatchObject({ kind: 'fetched', status: 200, etag: '"v1"', finalUrl: site.url('/etag.xml') });
      if (first.kind !== 'fetched') return;
      expect(new TextDecoder().decode(first.bytes)).toBe(FEED);
      const second = await client.fetch(site.url('/etag.xml'), { kind: 'feed', etag: first.etag });
      expect(second).toEqual({ kind: 'not-modified' });
      expect(conditionals.slice(-2)).toEqual([undefined, '"v1"']);
      expect(userAgents.at(-1)).toBe('Chronicle/0.1.0 (+mailto:ops@example.org)');
      client.close();
    });

    it('answers 304 to If-Modified-Since and says not-modified', async () => {
      const client = fetcher();
      const before = site.hits.get('/last-modified.xml') ?? 0;
      const first = await client.fetch(site.url('/last-modified.xml'), { kind: 'feed' });
      expect(first).toMatchObject({ kind: 'fetched', lastModified: LAST_MODIFIED });
      const second = await client.fetch(site.url('/last-modified.xml'), { kind: 'feed', lastModified: LAST_MODIFIED });
      expect(second).toEqual({ kind: 'not-modified' });
      expect(site.hits.get('/last-modified.xml')).toBe(before + 2);
      client.close();
    });

    it('never crashes on whatever validators storage hands back', async () => {
      const client = fetcher();
      await fc.assert(
        fc.asyncProperty(
          fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
          fc.option(fc.string(), { nil: undefined }),
          async (etag, lastModified) => {
            const outcome = await client.fetch(site.url('/etag.xml'), { kind: 'feed', etag, lastModified });
            expect(['fetched', 'not-modified']).toContain(outcome.kind);
          },
        ),
        { numRuns: 40 },
      );
      client.close();
    });
  });

  describe('when the body is compressed or in another charset', () => {
    it('undoes gzip and raw deflate', async () => {
      const client = fetcher();
      for (const path of ['/gzip.xml', '/raw-deflate.xml']) {
        const outcome = await client.fetch(site.url(path), { kind: 'feed' });
        expect(outcome.kind).toBe('fetched');
        if (outcome.kind === 'fetched') expect(new TextDecoder().decode(outcome.bytes)).toBe(FEED);
      }
      client.close();
    });

    it('hands ISO-8859-1 bytes and their content type on untouched, for the parser to decode', async () => {
      const client = fetcher();
      const outcome = await client.fetch(site.url('/latin1.xml'), { kind: 'feed' });
      expect(outcome).toMatchObject({ kind: 'fetched', contentType: 'application/xml; charset=ISO-8859-1' });
      if (outcome.kind === 'fetched')
        expect(Buffer.from(outcome.bytes).includes(Buffer.from([0x43, 0x61, 0x66, 0xe9]))).toBe(true);
      client.close();
    });
  });

  describe('when the server fails', () => {
    it('reports a 500 as a transient failure naming the status', async () => {
      const client = fetcher();
      expect(await client.fetch(site.url('/500'), { kind: 'feed' })).toEqual({
        kind: 'failed',
        reason: 'HTTP 500 (Internal Server Error)',
        permanent: false,
        status: 500,
      });
      expect(await client.fetch(site.url('/404'), { kind: 'feed' })).toMatchObject({
        kind: 'failed',
        permanent: true,
        status: 404,
      });
      expect(await client.fetch(site.url('/503-no-retry-after'), { kind: 'feed' })).toMatchObject({
        kind: 'failed',
        permanent: false,
      });
      client.close();
    });
  });

  describe('when the server answers 429 with Retry-After', () => {
    it('says retry later at the time given in seconds, and holds the whole host until then', async () => {
      const client = fetcher();
      const before = Date.now();
      const outcome = await client.fetch(site.url('/429-seconds'), { kind: 'feed' });
      expect(outcome).toMatchObject({ kind: 'retry-later' });
      if (outcome.kind !== 'retry-later') return;
      expect(outcome.untilMs).toBeGreaterThanOrEqual(before + 120_000);
      expect(outcome.untilMs).toBeLessThanOrEqual(Date.now() + 120_000);
      const hits = site.hits.get('/etag.xml');
      expect(await client.fetch(site.url('/etag.xml'), { kind: 'feed' })).toMatchObject({
        kind: 'retry-later',
        untilMs: outcome.untilMs,
      });
      expect(site.hits.get('/etag.xml')).toBe(hits);
      client.close();
    });

    it('says retry later at the HTTP-date given', async () => {
      const client = fetcher();
      const outcome = await client.fetch(site.url('/429-date'), { kind: 'feed' });
      expect(outcome).toMatchObject({ kind: 'retry-later' });
      if (outcome.kind === 'retry-later') expect(Math.abs(outcome.untilMs - (Date.now() + 180_000))).toBeLessThan(5000);
      client.close();
    });

    it('turns any Retry-After value into a sane time or the default', async () => {
      const headerText = fc.string({ unit: fc.constantFrom(...' 0123456789,:-abcdefGMTSunMonJanFeb'.split('')), maxLength: 40 });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            headerText,
            fc.nat().map(String),
            fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
          ),
          async (value) => {
            const client = fetcher({ defaultRetryAfterMs: 60_000, maxRetryAfterMs: 3600_000 });
            const before = Date.now();
            const outcome = await client
              .fetch(site.url(`/429-fuzz?v=${encodeURIComponent(value)}`), { kind: 'feed' })
              .finally(() => client.close());
            expect(outcome.kind).toBe('retry-later');
            if (outcome.kind !== 'retry-later') return;
            expect(outcome.untilMs).toBeGreaterThanOrEqual(before);
            expect(outcome.untilMs).toBeLessThanOrEqual(Date.now() + 3600_000);
          },
        ),
        { numRuns: 25 },
      );
    });
  });

  describe('when the server stalls', () => {
    it('gives up mid-body at the timeout', async () => {
      const client = fetcher({ timeoutMs: { feed: 500, page: 500, robots: 500 } });
      const started = Date.now();
      expectFailed(await client.fetch(site.url('/stall-body'), { kind: 'feed' }), /timed out after 500 ms/);
      expectFailed(await client.fetch(site.url('/stall-headers'), { kind: 'feed' }), /timed out/);
      expect(Date.now() - started).toBeLessThan(2 * 500 + 3000);
      client.close();
    });
  });

  describe('when the body is too large', () => {
    it('stops reading a 50 MB stream at the cap and closes the connection', async () => {
      const client = fetcher();
      const outcome = await client.fetch(site.url('/huge.xml'), { kind: 'feed' });
      expect(outcome).toMatchObject({ kind: 'failed', reason: `too large: more than ${MB} bytes`, permanent: true });
      const { sent, finished } = await huge!.closed;
      expect(finished).toBe(false);
      expect(sent).toBeLessThan(25 * MB);
      client.close();
    });

    it('refuses a declared 50 MB body without reading it', async () => {
      const client = fetcher();
      expectFailed(await client.fetch(site.url('/huge-declared.xml'), { kind: 'feed' }), /too large/);
      expect((await huge!.closed).finished).toBe(false);
      client.close();
    });

    it('counts decompressed bytes, so a gzip bomb is too large', async () => {
      const client = fetcher();
      expect(bomb.length).toBeLessThan(MB);
      expectFailed(await client.fetch(site.url('/bomb.xml'), { kind: 'feed' }), /too large/);
      client.close();
    });
  });

  describe('when redirected', () => {
    it('follows a redirect and reports where the body came from', async () => {
      const client = fetcher();
      expect(await client.fetch(site.url('/moved.xml'), { kind: 'feed' })).toMatchObject({
        kind: 'fetched',
        finalUrl: site.url('/etag.xml'),
      });
      client.close();
    });

    it('fails a redirect loop and a chain longer than five', async () => {
      const client = fetcher();
      expectFailed(await client.fetch(site.url('/loop-a'), { kind: 'feed' }), /redirect loop/);
      const before = [...site.hits.keys()].filter((path) => path.startsWith('/chain/')).length;
      expectFailed(await client.fetch(site.url('/chain/0'), { kind: 'feed' }), /more than 5 redirects/);
      expect([...site.hits.keys()].filter((path) => path.startsWith('/chain/')).length - before).toBe(6);
      client.close();
    });

    it('refuses a hop to a private address the allow-list does not open, before it receives anything', async () => {
      const client = fetcher();
      const by = await client.fetch(site.url('/to-internal'), { kind: 'feed' });
      expect(by).toMatchObject({ kind: 'failed', permanent: true });
      expectFailed(by, new RegExp(`target refused: port ${internal.port} of 127\\.0\\.0\\.1 is not among the ports`));
      expectFailed(
        await client.fetch(site.url('/to-internal-by-name'), { kind: 'feed' }),
        /target refused: localhost resolves to/,
      );
      expectFailed(
        await client.fetch(site.url('/to-metadata'), { kind: 'feed' }),
        /target refused: 169\.254\.169\.254 is a cloud metadata address/,
      );
      expect(internal.hits.size).toBe(0);
      client.close();
    });

    it('refuses a private start URL and a non-http scheme', async () => {
      const client = fetcher();
      expectFailed(await client.fetch(internal.url('/feed'), { kind: 'feed' }), /target refused/);
      expectFailed(await client.fetch('file:///etc/passwd', { kind: 'feed' }), /http or https only/);
      expectFailed(await client.fetch('not a url', { kind: 'feed' }), /not a URL/);
      expect(internal.hits.size).toBe(0);
      client.close();
    });
  });

  describe('when fetching pages', () => {
    it('honours robots.txt for our token, fetching it once', async () => {
      const client = fetcher();
      const before = site.hits.get('/robots.txt') ?? 0;
      expect(await client.fetch(site.url('/private/article.html'), { kind: 'page' })).toEqual({
        kind: 'failed',
        reason: 'disallowed by robots.txt',
        permanent: true,
      });
      expect(await client.fetch(site.url('/public/article.html'), { kind: 'page' })).toMatchObject({
        kind: 'fetched',
        status: 200,
      });
      expect(site.hits.get('/private/article.html')).toBeUndefined();
      expect(site.hits.get('/robots.txt')).toBe(before + 1);
      client.close();
    });

    it('refuses a page that is not HTML', async () => {
      const client = fetcher();
      expect(await client.fetch(site.url('/public/report.pdf'), { kind: 'page' })).toMatchObject({
        kind: 'failed',
        reason: 'bad content: not an HTML page (application/pdf)',
        permanent: true,
      });
      client.close();
    });

    it('does not consult robots.txt for feeds', async () => {
      const client = fetcher();
      const before = site.hits.get('/robots.txt') ?? 0;
      await client.fetch(site.url('/etag.xml'), { kind: 'feed' });
      expect(site.hits.get('/robots.txt') ?? 0).toBe(before);
      client.close();
    });
  });

  describe('when many requests go to one host', () => {
    let busy: TestServer;
    let inFlight = 0;
    let maxInFlight = 0;
    const starts: number[] = [];

    beforeAll(async () => {
      busy = await startServer((_request, response) => {
        starts.push(Date.now());
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        response.on('close', () => (inFlight -= 1));
        setTimeout(() => response.writeHead(200, { 'content-type': 'application/xml' }).end(FEED), 300);
      });
    });
    afterAll(() => busy?.close());

    it('keeps at most the limit in flight and spaces their starts', async () => {
      const client = new PoliteFetcher(
        { ...DEFAULT_POLITE_FETCHER_LIMITS, version: '0.1.0', contact: 'https://example.org/bot' },
        new WebhookTargetPolicy([`127.0.0.1:${busy.port}`]),
        new HostGate({ maxConcurrentPerHost: 2, minIntervalMs: 150, maxTrackedHosts: 16 }),
      );
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) => client.fetch(busy.url(`/feed/${i}`), { kind: 'feed' })),
      );
      expect(outcomes.every((outcome) => outcome.kind === 'fetched')).toBe(true);
      expect(starts).toHaveLength(10);
      expect(maxInFlight).toBe(2);
      const gaps = starts.slice(1).map((start, i) => start - starts[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(150 - 20);
      client.close();
    });
  });
});
