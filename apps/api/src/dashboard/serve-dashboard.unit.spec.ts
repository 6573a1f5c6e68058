import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDashboard } from './serve-dashboard';

@Module({})
class NoRoutesModule {}

async function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = await NestFactory.create<NestExpressApplication>(NoRoutesModule, { logger: false });
  serveDashboard(app, root);
  await app.listen(0, '127.0.0.1');
  return { url: await app.getUrl(), close: () => app.close() };
}

describe(serveDashboard.name, () => {
  const root = mkdtempSync(join(tmpdir(), 'dashboard-build-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  describe('when the dashboard is not built', () => {
    let server: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => (server = await serve(join(root, 'missing'))));
    afterAll(() => server.close());

    it('answers / with how to build it, not a server error', async () => {
      const response = await fetch(`${server.url}/`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('npm run build');
    });
  });

  describe('when the build is there', () => {
    let server: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      mkdirSync(join(root, 'assets'), { recursive: true });
      writeFileSync(join(root, 'index.html'), '<!doctype html><div id="app"></div>');
      writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
      server = await serve(root);
    });
    afterAll(() => server.close());

    it('answers app paths with index.html, never cached, and leaves service paths to the router', async () => {
      for (const path of ['/', '/live', '/actors/person:donald-trump', '/search?q=a']) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status, path).toBe(200);
        expect(response.headers.get('cache-control')).toBe('no-cache');
        expect(await response.text()).toContain('<div id="app">');
      }
      for (const path of ['/v1/anything', '/health', '/metrics', '/docs/x', '/v1']) {
        expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
      }
      expect((await fetch(`${server.url}/live`, { method: 'POST' })).status).toBe(404);
    });

    it('serves hashed assets as immutable, and a missing asset as 404 instead of the page', async () => {
      const asset = await fetch(`${server.url}/assets/index-abc123.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
      const missing = await fetch(`${server.url}/assets/index-000000.js`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).not.toContain('<div id="app">');
    });

    it('sends a CSP that allows scripts, styles and connections from its own origin only', async () => {
      const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '';
      expect(csp.split(';')).toEqual(
        expect.arrayContaining([
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          "connect-src 'self'",
          "object-src 'none'",
        ]),
      );
      expect(csp).not.toMatch(/unsafe|https:|\*/);
    });
  });
});
