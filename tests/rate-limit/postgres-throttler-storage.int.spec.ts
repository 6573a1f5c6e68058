import { createDataSource, runMigrations } from '@chronicle/persistence';
import { PostgresThrottlerStorage } from '@chronicle/platform';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

const MINUTE = 60_000;

describe(PostgresThrottlerStorage.name, () => {
  let url: string;
  // Two storages over two pools: what two replicas of a service are.
  let replicaA: PostgresThrottlerStorage;
  let replicaB: PostgresThrottlerStorage;
  let sql: Pool;

  beforeAll(async () => {
    url = await createTestDatabase('postgres-throttler-storage');
    await runMigrations(url);
    replicaA = PostgresThrottlerStorage.connect(url, 8);
    replicaB = PostgresThrottlerStorage.connect(url, 8);
    sql = new Pool({ connectionString: url, max: 1 });
  });

  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await sql?.end();
    if (url) await dropTestDatabase(url);
  });

  describe('when a key stays within its limit', () => {
    it('counts each hit and reports the rest of the window in seconds', async () => {
      const records = [];
      for (let i = 0; i < 3; i++) records.push(await replicaA.increment('key:within', MINUTE, 3, 0, 'read'));
      expect(records.map((record) => record.totalHits)).toEqual([1, 2, 3]);
      for (const record of records) {
        expect(record.isBlocked).toBe(false);
        expect(record.timeToBlockExpire).toBe(0);
        expect(record.timeToExpire).toBeGreaterThan(0);
        expect(record.timeToExpire).toBeLessThanOrEqual(60);
      }
    });
  });

  describe('when a key goes over its limit', () => {
    it('refuses it until its window ends, on every replica, without counting the refused hits', async () => {
      for (let i = 0; i < 2; i++) await replicaA.increment('key:over', MINUTE, 2, 0, 'read');
      const over = await replicaB.increment('key:over', MINUTE, 2, 0, 'read');
      expect(over.isBlocked).toBe(true);
      expect(over.timeToBlockExpire).toBeGreaterThan(0);
      expect(over.timeToBlockExpire).toBeLessThanOrEqual(over.timeToExpire);

      const again = await replicaA.increment('key:over', MINUTE, 2, 0, 'read');
      expect(again.isBlocked).toBe(true);
      expect(again.totalHits).toBe(over.totalHits);
    });

    it('leaves other keys and the same key in another throttler alone', async () => {
      for (let i = 0; i < 3; i++) await replicaA.increment('key:noisy', MINUTE, 2, 0, 'read');
      expect((await replicaA.increment('key:noisy', MINUTE, 2, 0, 'read')).isBlocked).toBe(true);

      const otherKey = await replicaB.increment('key:quiet', MINUTE, 2, 0, 'read');
      expect(otherKey).toMatchObject({ totalHits: 1, isBlocked: false });
      const otherThrottler = await replicaB.increment('key:noisy', MINUTE, 2, 0, 'ingest');
      expect(otherThrottler).toMatchObject({ totalHits: 1, isBlocked: false });
    });

    it('blocks for blockDuration when it is given, past the end of the window', async () => {
      await replicaA.increment('key:penalty', 1_000, 1, 5_000, 'read');
      const over = await replicaA.increment('key:penalty', 1_000, 1, 5_000, 'read');
      expect(over.isBlocked).toBe(true);
      expect(over.timeToBlockExpire).toBe(5);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect((await replicaB.increment('key:penalty', 1_000, 1, 5_000, 'read')).isBlocked).toBe(true);
    });
  });

  describe('when the window is over', () => {
    it('starts a new window with the hit as its first', async () => {
      await replicaA.increment('key:short', 1_000, 1, 0, 'read');
      expect((await replicaA.increment('key:short', 1_000, 1, 0, 'read')).isBlocked).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect(await replicaB.increment('key:short', 1_000, 1, 0, 'read')).toMatchObject({ totalHits: 1, isBlocked: false });
    });
  });

  describe('when two replicas count the same key at once', () => {
    it('counts every hit exactly once', async () => {
      const hits = 300;
      const records = await Promise.all(
        Array.from({ length: hits }, (_, i) =>
          (i % 2 === 0 ? replicaA : replicaB).increment('key:race', MINUTE, 1_000, 0, 'ingest'),
        ),
      );
      // Each hit saw its own count: no two read the same row state.
      expect(records.map((record) => record.totalHits).sort((a, b) => a - b)).toEqual(
        Array.from({ length: hits }, (_, i) => i + 1),
      );
      const { rows } = await sql.query(`SELECT hits FROM rate_limit_hits WHERE throttler = 'ingest' AND key = 'key:race'`);
      expect(rows).toEqual([{ hits }]);
    });

    it('lets exactly `limit` of them through when they go over it', async () => {
      const limit = 25;
      const records = await Promise.all(
        Array.from({ length: 80 }, (_, i) =>
          (i % 2 === 0 ? replicaA : replicaB).increment('key:race-over', MINUTE, limit, 0, 'read'),
        ),
      );
      expect(records.filter((record) => !record.isBlocked)).toHaveLength(limit);
    });
  });

  describe('when finished counters are swept', () => {
    it('deletes only the rows whose window and block are both over', async () => {
      await replicaA.increment('key:sweep-old', 1, 10, 0, 'read');
      await replicaA.increment('key:sweep-blocked', 1, 0, 60_000, 'read');
      await replicaA.increment('key:sweep-live', MINUTE, 10, 0, 'read');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await replicaA.sweep();
      const { rows } = await sql.query<{ key: string }>(
        `SELECT key FROM rate_limit_hits WHERE key LIKE 'key:sweep-%' ORDER BY key`,
      );
      expect(rows.map((row) => row.key)).toEqual(['key:sweep-blocked', 'key:sweep-live']);
    });
  });

  describe('when its migration is reverted', () => {
    it('drops the table, and applying it again brings it back', async () => {
      const dataSource = await createDataSource(url, 1).initialize();
      try {
        // Later migrations are undone first, then RateLimitCounters itself.
        for (;;) {
          const [last] = await dataSource.query('SELECT name FROM chronicle_migrations ORDER BY timestamp DESC LIMIT 1');
          await dataSource.undoLastMigration({ transaction: 'each' });
          if (last.name === 'RateLimitCounters1764064000000') break;
        }
        expect((await sql.query(`SELECT to_regclass('rate_limit_hits') AS table`)).rows).toEqual([{ table: null }]);
        await dataSource.runMigrations({ transaction: 'each' });
        expect((await sql.query(`SELECT to_regclass('rate_limit_hits')::text AS table`)).rows).toEqual([
          { table: 'rate_limit_hits' },
        ]);
      } finally {
        await dataSource.destroy();
      }
    });
  });
});
