import { loadConfig } from '@chronicle/config';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeclaredRoute } from '../auth/declared-routes';
import { DEFAULT_BODY_LIMIT_BYTES } from './body-limit.decorator';
import { RouteBodyLimits } from './route-body-limits';

const route = (method: string, path: string, bodyLimit?: DeclaredRoute['bodyLimit']): DeclaredRoute => ({
  method,
  path,
  controller: 'C',
  handler: 'h',
  access: 'read',
  bodyLimit,
});

describe(RouteBodyLimits.name, () => {
  const config = loadConfig({ MAX_ARTICLE_BYTES: '1000' });
  const limits = new RouteBodyLimits(
    [
      route('POST', '/v1/articles', (c) => c.limits.maxRequestBytes),
      route('PUT', '/v1/articles/:id', 5000),
      route('DELETE', '/v1/articles/:id'),
      route('GET', '/v1/subscriptions/:id'),
    ],
    config,
  );

  describe('when a route declares a limit', () => {
    it('applies it to that method and path only, resolving limits taken from configuration', () => {
      expect(limits.limitFor('POST', '/v1/articles')).toBe(config.limits.maxRequestBytes);
      expect(limits.limitFor('post', '/v1/articles/')).toBe(config.limits.maxRequestBytes);
      expect(limits.limitFor('PUT', '/v1/articles/a-1')).toBe(5000);
      expect(limits.limitFor('DELETE', '/v1/articles/a-1')).toBe(DEFAULT_BODY_LIMIT_BYTES);
      expect(limits.limitFor('PUT', '/v1/articles/a/b')).toBe(DEFAULT_BODY_LIMIT_BYTES);
    });
  });

  describe('when any method and path arrive', () => {
    it('answers one of the declared limits or the default, never more', () => {
      const known = new Set(limits.distinctLimits());
      fc.assert(
        fc.property(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'X'), fc.webPath(), (method, path) => {
          expect(known.has(limits.limitFor(method, path))).toBe(true);
        }),
      );
    });
  });
});
