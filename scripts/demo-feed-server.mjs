// A tiny static site for the demo: serves samples/feeds/ on 127.0.0.1:3998 (feeds, article pages,
// robots.txt) with ETags, so the feeds service polls it like a real news site and gets 304s.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'samples/feeds');
const port = Number(process.argv[3] ?? 3998);
const TYPES = {
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/feed+json',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

createServer(async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://demo').pathname));
  if (path === '/health') return response.writeHead(200).end('ok');
  const file = join(root, path);
  if (!file.startsWith(root + '/')) return response.writeHead(404).end();
  try {
    const body = await readFile(file);
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (request.headers['if-none-match'] === etag) return response.writeHead(304, { etag }).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', etag }).end(body);
  } catch {
    response.writeHead(404).end();
  }
}).listen(port, '127.0.0.1', () => console.log(`demo feed site on http://127.0.0.1:${port}/ serving ${root}`));
