/**
 * The feeds bench's sites, in a process of their own so that serving costs no CPU in the process
 * the bench measures: `node bench-feed-site.js <sources> <entries>` serves `/feeds/<n>.<ext>`
 * (the five formats in turn, each with `entries` entries, every fifth one summary-only so its page
 * is fetched) and the pages, on a free loopback port, and prints `{"port":N}` when it listens.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  articlePage,
  articleParagraphs,
  FEED_CONTENT_TYPE,
  feedDocument,
  GENERATED_FEED_FORMATS,
  GeneratedEntry,
  GeneratedFeedFormat,
} from '@chronicle/test-support';

const sources = Number(process.argv[2] ?? 1000);
const entriesPerFeed = Number(process.argv[3] ?? 10);

/** The format of source `n` and its path. */
export function benchFeedPath(n: number): { format: GeneratedFeedFormat; path: string } {
  const format = GENERATED_FEED_FORMATS[n % GENERATED_FEED_FORMATS.length]!;
  return { format, path: `/feeds/${n}.${format === 'json-feed' ? 'json' : 'xml'}` };
}

function main(): void {
  const documents = new Map<string, { type: string; body: string }>();
  const pages = new Map<string, string>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://bench').pathname;
    if (path === '/robots.txt')
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    const document = documents.get(path);
    if (document) {
      const etag = `"${path.length}-${document.body.length}"`;
      if (request.headers['if-none-match'] === etag) return void response.writeHead(304).end();
      return void response.writeHead(200, { 'content-type': document.type, etag }).end(document.body);
    }
    const page = pages.get(path);
    if (page) return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    response.writeHead(404, { 'content-length': '0' }).end();
  });
  server.listen(0, '127.0.0.1', () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (let n = 0; n < sources; n += 1) {
      const { format, path } = benchFeedPath(n);
      const entries: GeneratedEntry[] = [];
      for (let i = 0; i < entriesPerFeed; i += 1) {
        const slug = `s${n}-e${i}`;
        const paragraphs = articleParagraphs(`source ${n} story ${i}`);
        const summaryOnly = format === 'news-sitemap' || i % 5 === 4;
        const url = `${origin}/articles/${slug}`;
        if (summaryOnly) pages.set(`/articles/${slug}`, articlePage(`Story ${slug}`, paragraphs));
        entries.push({
          url,
          title: `Story ${slug}`,
          summary: `Summary of story ${slug}.`,
          publishedAt: new Date(Date.UTC(2026, 10, 30, 12) - (n * entriesPerFeed + i) * 60_000).toISOString(),
          ...(summaryOnly ? {} : { contentHtml: paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('') }),
        });
      }
      documents.set(path, { type: FEED_CONTENT_TYPE[format], body: feedDocument(format, `${origin}/`, `Bench ${n}`, entries) });
    }
    console.log(JSON.stringify({ port: (server.address() as AddressInfo).port, pages: pages.size }));
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

if (require.main === module) main();
