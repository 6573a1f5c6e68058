import 'reflect-metadata';
import { declaredRoutes } from '@chronicle/platform';
import { describe, expect, it } from 'vitest';
import { FeedsModule } from '../../feeds/src/feeds.module';
import { IngestModule } from '../../ingest/src/ingest.module';
import { ApiModule } from './api.module';

describe(declaredRoutes.name, () => {
  for (const [service, module] of [
    ['api', ApiModule],
    ['ingest', IngestModule],
    ['feeds', FeedsModule],
  ] as const) {
    describe(`when reading the ${service} service's routes`, () => {
      const routes = declaredRoutes(module);
      it('finds its routes, with health and metrics', () => {
        expect(routes.length).toBeGreaterThan(3);
        expect(routes).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ method: 'GET', path: '/health', access: 'public' }),
            expect.objectContaining({ method: 'GET', path: '/metrics', access: 'metrics' }),
          ]),
        );
      });
      it('has every route declare a scope, and only health is public', () => {
        const undeclared = routes
          .filter((route) => route.access === null)
          .map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
        expect(undeclared).toEqual([]);
        expect(
          routes
            .filter((route) => route.access === 'public')
            .map((route) => route.path)
            .sort(),
        ).toEqual(['/health', '/health/live']);
      });
    });
  }
});
