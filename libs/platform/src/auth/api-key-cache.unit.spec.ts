import { StoredApiKey } from '@chronicle/domain';
import { describe, expect, it } from 'vitest';
import { ApiKeyCache } from './api-key-cache';

const key = (prefix: string, revokedAt: Date | null = null): StoredApiKey => ({
  id: `id-${prefix}`,
  name: prefix,
  prefix,
  secretHash: '0'.repeat(64),
  scopes: ['read'],
  tenant: 'default',
  createdAt: new Date(0),
  expiresAt: null,
  revokedAt,
});

function harness(rows: Map<string, StoredApiKey>) {
  let clock = 0;
  let down = false;
  let lookups = 0;
  const cache = new ApiKeyCache(
    async (prefix) => {
      lookups += 1;
      if (down) throw new Error('connection refused');
      return rows.get(prefix) ?? null;
    },
    { freshMs: 10_000, staleIfErrorMs: 900_000, maxEntries: 2 },
    () => clock,
  );
  return {
    cache,
    advance: (ms: number) => (clock += ms),
    setDown: (value: boolean) => (down = value),
    lookups: () => lookups,
  };
}

describe(ApiKeyCache.name, () => {
  describe('when a key is used again within the fresh window', () => {
    it('answers from memory, and asks the database again after it', async () => {
      const rows = new Map([['aaaaaaaaaaaa', key('aaaaaaaaaaaa')]]);
      const h = harness(rows);
      await h.cache.find('aaaaaaaaaaaa');
      h.advance(9_999);
      await h.cache.find('aaaaaaaaaaaa');
      expect(h.lookups()).toBe(1);
      rows.set('aaaaaaaaaaaa', key('aaaaaaaaaaaa', new Date(1)));
      h.advance(1);
      expect((await h.cache.find('aaaaaaaaaaaa'))?.revokedAt).toEqual(new Date(1));
      expect(h.lookups()).toBe(2);
    });
  });

  describe('when the database is down', () => {
    it('serves a known key until the stale limit, then fails; an unknown prefix fails at once', async () => {
      const h = harness(new Map([['aaaaaaaaaaaa', key('aaaaaaaaaaaa')]]));
      await h.cache.find('aaaaaaaaaaaa');
      h.setDown(true);
      h.advance(899_999);
      expect((await h.cache.find('aaaaaaaaaaaa'))?.prefix).toBe('aaaaaaaaaaaa');
      h.advance(1);
      await expect(h.cache.find('aaaaaaaaaaaa')).rejects.toThrow('connection refused');
      await expect(h.cache.find('bbbbbbbbbbbb')).rejects.toThrow('connection refused');
    });
  });

  describe('when a prefix is unknown', () => {
    it('is not remembered, so a key created a moment later works at once', async () => {
      const rows = new Map<string, StoredApiKey>();
      const h = harness(rows);
      expect(await h.cache.find('cccccccccccc')).toBeNull();
      rows.set('cccccccccccc', key('cccccccccccc'));
      expect(await h.cache.find('cccccccccccc')).not.toBeNull();
    });
  });

  describe('when more keys are used than it holds', () => {
    it('drops the oldest', async () => {
      const rows = new Map(['a', 'b', 'c'].map((p) => [p.repeat(12), key(p.repeat(12))]));
      const h = harness(rows);
      for (const p of ['a', 'b', 'c']) await h.cache.find(p.repeat(12));
      await h.cache.find('c'.repeat(12));
      await h.cache.find('a'.repeat(12));
      expect(h.lookups()).toBe(4);
    });
  });
});
