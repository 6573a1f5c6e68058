import { ApiKeyStore, issueApiKey } from '@chronicle/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChronicleStack, createStack } from './support/chronicle-stack';

const READ_PER_MINUTE = 5;
const INGEST_PER_MINUTE = 3;

describe('per-key rate limits (real api and ingest, auth on)', () => {
  let stack: ChronicleStack;
  let api: string;
  let ingest: string;
  const keys: Record<'a' | 'b', string> = { a: '', b: '' };

  const read = (key: string, replica = api) => fetch(`${replica}/v1/outlets`, { headers: { authorization: `Bearer ${key}` } });
  const submit = (key: string, n: number) =>
    fetch(`${ingest}/v1/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: `rate-limit-${n}`, outlet: 'Test Desk', title: 'A title', body: '"Fine," she said.' }),
    });

  beforeAll(async () => {
    stack = await createStack('rate-limit', {
      CHRONICLE_AUTH: 'on',
      RATE_LIMIT_READ_PER_MINUTE: String(READ_PER_MINUTE),
      RATE_LIMIT_INGEST_PER_MINUTE: String(INGEST_PER_MINUTE),
    });
    const store = ApiKeyStore.connect(stack.databaseUrl, 1);
    try {
      keys.a = (await issueApiKey(store, { name: 'rate-limit a', scopes: ['read', 'ingest'] })).key;
      keys.b = (await issueApiKey(store, { name: 'rate-limit b', scopes: ['read'] })).key;
    } finally {
      await store.close();
    }
    // Two api replicas: the budget is shared through Postgres, not kept per process.
    await stack.cluster.start('api', 0);
    await stack.cluster.start('api', 1);
    await stack.cluster.start('ingest');
    api = stack.cluster.url('api', 0);
    ingest = stack.cluster.url('ingest');
  });

  afterAll(async () => {
    await stack?.teardown();
  });

  describe('when a key goes over its read budget', () => {
    it('gets 429 with Retry-After in seconds, on every replica, and another key is unaffected', async () => {
      const replicas = [api, stack.cluster.url('api', 1)];
      const statuses: number[] = [];
      for (let i = 0; i < READ_PER_MINUTE; i++) statuses.push((await read(keys.a, replicas[i % 2])).status);
      expect(statuses).toEqual(Array(READ_PER_MINUTE).fill(200));

      for (const replica of replicas) {
        const refused = await read(keys.a, replica);
        expect(refused.status).toBe(429);
        expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
        expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      }

      expect((await read(keys.b)).status).toBe(200);
      expect((await read(keys.b, replicas[1])).status).toBe(200);
    });
  });

  describe('when a key is out of read budget', () => {
    it('still ingests, within its own ingest budget', async () => {
      expect((await read(keys.a)).status).toBe(429);
      const statuses: number[] = [];
      for (let n = 0; n <= INGEST_PER_MINUTE; n++) statuses.push((await submit(keys.a, n)).status);
      expect(statuses).toEqual([...Array(INGEST_PER_MINUTE).fill(202), 429]);
    });
  });

  describe('when the health probe is called', () => {
    it('is never limited', async () => {
      for (let i = 0; i < READ_PER_MINUTE * 2; i++) expect((await fetch(`${api}/health`)).status).toBe(200);
    });
  });
});
