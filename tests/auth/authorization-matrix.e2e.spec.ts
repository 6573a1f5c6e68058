import { API_SCOPES, ApiScope } from '@chronicle/domain';
import { ApiKeyStore, issueApiKey } from '@chronicle/persistence';
import { DeclaredRoute, declaredRoutes } from '@chronicle/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiModule } from '../../apps/api/src/api.module';
import { FeedsModule } from '../../apps/feeds/src/feeds.module';
import { IngestModule } from '../../apps/ingest/src/ingest.module';
import { ChronicleStack, createStack } from '../e2e/support/chronicle-stack';
import { documentedOperations, fetchOpenApi } from '../e2e/support/openapi-operations';

const METRICS_TOKEN = 'metrics-token-for-the-authorization-matrix-test';

/** Routes whose rows belong to the caller's tenant: another tenant's key gets 404 for them. */
const TENANT_OWNED = /^\/v1\/(subscriptions\/:id|alerts)/;

interface Keys {
  owner: string;
  revoked: string;
  expired: string;
  otherTenant: string;
  /** For each scope, a key holding every scope but that one. */
  without: Record<ApiScope, string>;
}

type Service = 'api' | 'ingest' | 'feeds';
const SERVICES: readonly Service[] = ['api', 'ingest', 'feeds'];

type Route = Pick<DeclaredRoute, 'method' | 'path' | 'access'> & { service: Service };

describe('authorization matrix', () => {
  let stack: ChronicleStack;
  let keys: Keys;
  let subscriptionId: string;
  /** Every route, as the running services publish them in their OpenAPI documents. */
  const routes: Route[] = [];
  const declared: Route[] = [
    ...declaredRoutes(ApiModule).map((route) => ({ method: route.method, path: route.path, access: route.access, service: 'api' as const })),
    ...declaredRoutes(IngestModule).map((route) => ({ method: route.method, path: route.path, access: route.access, service: 'ingest' as const })),
    ...declaredRoutes(FeedsModule).map((route) => ({ method: route.method, path: route.path, access: route.access, service: 'feeds' as const })),
  ];

  function urlOf(route: Route): string {
    let path = route.path
      .replace(':id', /^\/v1\/subscriptions/.test(route.path) ? subscriptionId : 'no-such-id')
      .replace(':name', 'no-such-projection')
      .replace(/:[A-Za-z]+/g, 'no-such-thing');
    // An alert query naming the owner's subscription: the other tenant must not learn it exists.
    if (route.path.startsWith('/v1/alerts')) path += `?subscription=${subscriptionId}`;
    return `${stack.cluster.url(route.service)}${path}`;
  }

  async function call(route: Route, key?: string): Promise<number> {
    const response = await fetch(urlOf(route), {
      method: route.method,
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      // A valid change for PATCH, so the other tenant's 404 is not hidden behind a 400.
      body: route.method === 'PATCH' ? '{"actors":["Someone Else"]}' : ['POST', 'PUT'].includes(route.method) ? '{}' : undefined,
      signal: AbortSignal.timeout(5_000),
    });
    await response.body?.cancel();
    return response.status;
  }

  beforeAll(async () => {
    stack = await createStack('auth-matrix', { CHRONICLE_AUTH: 'on', METRICS_TOKEN });
    await stack.cluster.start('api');
    await stack.cluster.start('ingest');
    await stack.cluster.start('feeds');
    for (const service of SERVICES) {
      const { document } = await fetchOpenApi(stack.cluster.url(service));
      routes.push(
        ...documentedOperations(service, document).map(({ method, routePath, access }) => ({
          service,
          method,
          path: routePath,
          access: access as Route['access'],
        })),
      );
    }
    const store = ApiKeyStore.connect(stack.databaseUrl, 1);
    const issue = async (scopes: readonly ApiScope[], tenant = 'desk-a') =>
      (await issueApiKey(store, { name: `matrix ${tenant} ${scopes.join(',')}`, scopes: [...scopes], tenant })).key;
    try {
      const without = {} as Record<ApiScope, string>;
      for (const scope of API_SCOPES) without[scope] = await issue(API_SCOPES.filter((s) => s !== scope));
      keys = {
        owner: await issue(API_SCOPES),
        revoked: await issue(API_SCOPES),
        expired: await issue(API_SCOPES),
        otherTenant: await issue(API_SCOPES, 'desk-b'),
        without,
      };
      await store.revoke(keys.revoked.split('_')[1]!);
    } finally {
      await store.close();
    }
    await stack.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE prefix = $1`, [keys.expired.split('_')[1]]);
    const created = await fetch(`${stack.cluster.url('api')}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.owner}` },
      body: JSON.stringify({ actors: ['Volodymyr Zelenskyy'], channel: 'stream' }),
    });
    expect(created.status).toBe(201);
    subscriptionId = ((await created.json()) as { id: string }).id;
  }, 120_000);

  afterAll(async () => {
    await stack?.teardown();
  });

  it('reads a route list from the services themselves, every route with a declared access', () => {
    const order = (list: Route[]) => list.map((r) => `${r.service} ${r.method} ${r.path} ${r.access}`).sort();
    expect(order(routes)).toEqual(order(declared));
    expect(routes.filter((route) => route.access === null)).toEqual([]);
    expect(routes.filter((route) => route.access !== 'public').length).toBeGreaterThan(10);
  });

  it('answers 401 without a key, with a revoked key and with an expired key; 403 without the scope', async () => {
    const seen: string[] = [];
    for (const route of routes) {
      if (route.access === 'public' || route.access === null) continue;
      const statuses = [
        await call(route),
        await call(route, keys.revoked),
        await call(route, keys.expired),
        await call(route, 'chr_000000000000_' + 'A'.repeat(43)),
        await call(route, keys.without[route.access]),
      ];
      seen.push(`${route.method} ${route.service}${route.path} ${statuses.join(' ')}`);
    }
    expect(seen.every((line) => line.endsWith(' 401 401 401 401 403')), seen.join('\n')).toBe(true);
  }, 120_000);

  it("answers 404 to another tenant's key on every tenant-owned route, and lets it through to shared ones", async () => {
    const seen: string[] = [];
    for (const route of routes) {
      if (route.access === 'public' || route.access === null) continue;
      const status = await call(route, keys.otherTenant);
      const tenantOwned = TENANT_OWNED.test(route.path) && route.service === 'api';
      seen.push(`${route.method} ${route.service}${route.path} ${status}`);
      if (tenantOwned) expect(status, `${route.method} ${route.path}`).toBe(404);
      else expect([401, 403], `${route.method} ${route.path}`).not.toContain(status);
    }
    expect(seen.some((line) => line.includes('/v1/subscriptions/:id') && line.endsWith(' 404'))).toBe(true);
  }, 120_000);

  it("keeps one tenant's subscriptions out of another's list, and the owner still sees its own", async () => {
    const list = async (key: string) =>
      ((await (await fetch(`${stack.cluster.url('api')}/v1/subscriptions`, { headers: { authorization: `Bearer ${key}` } })).json()) as {
        subscriptions: Array<{ id: string }>;
      }).subscriptions.map((s) => s.id);
    expect(await list(keys.otherTenant)).toEqual([]);
    expect(await list(keys.owner)).toEqual([subscriptionId]);
  });

  it('opens health and the API contract to anyone, and metrics to the metrics token', async () => {
    for (const service of SERVICES) {
      expect((await fetch(`${stack.cluster.url(service)}/health`)).status).toBe(200);
      expect((await fetch(`${stack.cluster.url(service)}/docs/openapi.json`)).status).toBe(200);
      expect((await fetch(`${stack.cluster.url(service)}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${stack.cluster.url(service)}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('# HELP');
    }
  });
});
