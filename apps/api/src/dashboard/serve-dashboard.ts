import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';

type Request = IncomingMessage & { path: string };
type Next = (error?: unknown) => void;

/** Where `npm run build` writes the dashboard (`vite build apps/dashboard`), seen from dist/apps/api/src/dashboard. */
export const DASHBOARD_BUILD_DIR = resolve(__dirname, '../../../../dashboard');

/** Paths Nest's router and the HTTP adapter answer (keys, data, health, metrics, the API contract): never the dashboard's. */
const SERVICE_PATH = /^\/(v1|health|metrics|docs)(\/|$)/;

/**
 * The dashboard's pages run only what the build shipped: scripts, styles, fonts and API calls from
 * this origin, nothing inline. Unlike helmet's default there is no `upgrade-insecure-requests`: the
 * api listens on plain HTTP (TLS, where there is any, ends in front of it), and upgrading would send
 * the page's own same-origin requests to an https port that does not exist.
 */
const dashboardCsp = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
  },
});

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Chronicle dashboard not built</title>
<h1>The Chronicle dashboard is not built</h1>
<p>Build it with <code>npm run build</code> (or only the dashboard: <code>npm run build:dashboard</code>) and reload this page.
The API itself works without it: see <a href="/docs">/docs</a>.</p></html>`;

/**
 * Serves the dashboard's build at `/`, beside Nest's router (so the key guard never sees it: the
 * page, scripts and styles hold no data; every data route stays closed). Hashed files under
 * `/assets/` are immutable; `index.html` answers every other GET outside the service paths, so a
 * shared link like `/actors/person:donald-trump` opens that view, and is never cached, so a new
 * build is picked up on the next load. Without a build, `/` says how to make one.
 */
export function serveDashboard(app: NestExpressApplication, root = DASHBOARD_BUILD_DIR): void {
  const index = join(root, 'index.html');
  app.use((request: Request, response: ServerResponse, next: Next) => {
    if (SERVICE_PATH.test(request.path)) return next();
    dashboardCsp(request, response, next);
  });
  app.useStaticAssets(join(root, 'assets'), { prefix: '/assets/', index: false, immutable: true, maxAge: '365d' });
  app.use((request: Request, response: ServerResponse, next: Next) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVICE_PATH.test(request.path)) return next();
    if (request.path.startsWith('/assets/')) {
      response
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' })
        .end('No such file in this build\n');
      return;
    }
    const built = existsSync(index);
    response.writeHead(built ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    response.end(request.method === 'HEAD' ? undefined : built ? readFileSync(index) : NOT_BUILT);
  });
}
