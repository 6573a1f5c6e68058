import fc from 'fast-check';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChronicleCluster } from './support/chronicle-cluster';
import { ChronicleStack, createStack } from './support/chronicle-stack';

const ALLOWED = 'https://desk.example';

/** An IPv4 address of this machine other than loopback, if it has one. */
function nonLoopbackIPv4(): string | undefined {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .find((address) => address.family === 'IPv4' && !address.internal)?.address;
}

const portOf = (url: string) => new URL(url).port;

/** Whether a TCP connection to the address is accepted (any HTTP answer), or refused / unroutable. */
async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(3_000) });
    return true;
  } catch {
    return false;
  }
}

/** Origins a browser could send that are not the allowed one, near misses included. */
const otherOrigins = fc
  .oneof(
    fc.tuple(fc.constantFrom('http', 'https'), fc.domain()).map(([scheme, host]) => `${scheme}://${host}`),
    fc.constantFrom(
      'http://desk.example',
      'https://desk.example.evil',
      'https://evil-desk.example',
      'https://desk.example:8443',
      'null',
    ),
  )
  .filter((origin) => origin !== ALLOWED);

describe('HTTP hardening', () => {
  let stack: ChronicleStack;
  let api: string;

  beforeAll(async () => {
    stack = await createStack('http-hardening');
    await stack.cluster.start('api');
    api = stack.cluster.url('api');
  });

  afterAll(async () => {
    await stack?.teardown();
  });

  describe('when a request body is larger than its route takes', () => {
    const post = (path: string, bytes: number, method = 'POST') =>
      fetch(`${api}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ actors: ['x'], channel: 'stream', padding: 'p'.repeat(bytes) }),
      });
    it('refuses it with 413 naming the limit: 16 KiB by default, 1 MiB for a subscription', async () => {
      const small = await post('/v1/admin/projections/articles/rebuild', 20 * 1024);
      expect(small.status).toBe(413);
      expect(await small.json()).toMatchObject({ statusCode: 413, message: expect.stringContaining(`${16 * 1024} bytes`) });
      expect((await post('/v1/subscriptions', 2 * 1024 * 1024)).status).toBe(413);
    });
    it('parses a body within the route limit (the DTO then judges it)', async () => {
      const response = await post('/v1/subscriptions', 100 * 1024);
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('padding');
    });
  });

  describe('when a service answers', () => {
    it.each(['/health', '/v1/no-such-route'])('%s carries helmet headers and no X-Powered-By', async (path) => {
      const response = await fetch(`${api}${path}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.has('x-powered-by')).toBe(false);
    });
  });

  describe('when CORS_ORIGINS is empty (the default)', () => {
    it('sends no CORS header to any origin, on requests or preflights', async () => {
      const simple = await fetch(`${api}/health`, { headers: { origin: ALLOWED } });
      const preflight = await fetch(`${api}/v1/actors`, {
        method: 'OPTIONS',
        headers: { origin: ALLOWED, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      for (const response of [simple, preflight]) {
        expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
      }
    });
  });

  describe('when HOST is not set', () => {
    const address = nonLoopbackIPv4();

    it('listens on loopback only', async () => {
      expect(await reachable(`${api}/health`)).toBe(true);
      if (!address) {
        console.warn('[http-hardening] no non-loopback IPv4 address on this machine: reachability from outside not checked');
        return;
      }
      expect(await reachable(`http://${address}:${portOf(api)}/health`)).toBe(false);
    });
  });

  describe('when CORS_ORIGINS lists an origin and HOST opens every interface', () => {
    let cluster: ChronicleCluster;
    let open: string;

    beforeAll(async () => {
      cluster = new ChronicleCluster(`${stack.cluster.name}-cors`, { ...stack.env, CORS_ORIGINS: ALLOWED, HOST: '0.0.0.0' });
      await cluster.start('api');
      open = cluster.url('api');
    });

    afterAll(async () => {
      await cluster?.stopAll();
    });

    it('answers the listed origin with Access-Control-Allow-Origin', async () => {
      const response = await fetch(`${open}/health`, { headers: { origin: ALLOWED } });
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(response.headers.get('vary')).toMatch(/origin/i);
    });

    it('allows Authorization and Last-Event-ID in a preflight from the listed origin', async () => {
      const response = await fetch(`${open}/v1/alerts/stream`, {
        method: 'OPTIONS',
        headers: {
          origin: ALLOWED,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization,last-event-id',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
      expect(allowed).toEqual(expect.arrayContaining(['authorization', 'last-event-id']));
    });

    it('never answers another origin with Access-Control-Allow-Origin', async () => {
      await fc.assert(
        fc.asyncProperty(otherOrigins, fc.constantFrom('GET', 'OPTIONS'), async (origin, method) => {
          const response = await fetch(`${open}/health`, {
            method,
            headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
          });
          expect(response.headers.has('access-control-allow-origin'), origin).toBe(false);
        }),
        { numRuns: 60 },
      );
    });

    it('is reachable on a non-loopback address (so the loopback-only check above can fail)', async () => {
      const address = nonLoopbackIPv4();
      if (!address) return;
      expect(await reachable(`http://${address}:${portOf(open)}/health`)).toBe(true);
    });
  });
});
