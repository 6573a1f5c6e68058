import { parseOpml } from '@chronicle/feeds';
import { runMigrations } from '@chronicle/persistence';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeeds } from '../../apps/feeds/src/sources/feed-import';
import { FeedSourceRepository } from '../../apps/feeds/src/sources/feed-source.repository';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';
import { generatedOpml } from './support/generated-opml';

describe(importFeeds.name, () => {
  let databaseUrl: string;
  let client: Client;
  const statements: string[] = [];
  let sources: FeedSourceRepository;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('feed-import');
    await runMigrations(databaseUrl);
    client = new Client({ connectionString: databaseUrl });
    await client.connect();
    // Counts the round trips the import makes.
    sources = new FeedSourceRepository({
      query: async <T>(sql: string, params?: unknown[]): Promise<T> => {
        statements.push(sql);
        return (await client.query(sql, params)).rows as T;
      },
    });
  });

  afterAll(async () => {
    await client?.end();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  describe('when given a 500-feed OPML list twice', () => {
    const opml = generatedOpml(500, (n) => `https://site${n % 37}.example/feeds/${n}.xml`);

    it('registers all 500 in one statement, then adds none in one more', async () => {
      const first = await importFeeds(sources, parseOpml(opml), 60);
      expect(first.added).toHaveLength(500);
      expect(first.alreadyPresent).toEqual([]);
      expect(first.refused).toEqual([]);
      expect(statements).toHaveLength(1);
      const rows = await client.query<{ url: string; outlet: string }>('SELECT url, outlet FROM feed_sources ORDER BY url');
      expect(rows.rows).toHaveLength(500);
      expect(rows.rows.find((row) => row.url === 'https://site5.example/feeds/42.xml')?.outlet).toBe('Outlet 42');

      const again = await importFeeds(sources, parseOpml(opml), 60);
      expect(again.added).toEqual([]);
      expect(again.alreadyPresent).toHaveLength(500);
      expect(statements).toHaveLength(2);
      expect((await client.query('SELECT count(*)::int AS n FROM feed_sources')).rows[0].n).toBe(500);
    });
  });

  describe('when two imports of overlapping lists run at once', () => {
    it('adds each URL once, and each report agrees with the other', async () => {
      const a = parseOpml(generatedOpml(60, (n) => `https://race.example/${n}.xml`));
      const b = parseOpml(generatedOpml(60, (n) => `https://race.example/${n + 30}.xml`));
      // Each on its own connection, so the inserts really overlap in the server.
      const other = new Client({ connectionString: databaseUrl });
      await other.connect();
      const otherSources = new FeedSourceRepository({
        query: async <T>(sql: string, params?: unknown[]): Promise<T> => (await other.query(sql, params)).rows as T,
      });
      const [left, right] = await Promise.all([importFeeds(sources, a, 60), importFeeds(otherSources, b, 60)]).finally(() =>
        other.end(),
      );
      const added = [...left.added, ...right.added].map((source) => source.url);
      expect(new Set(added).size).toBe(90);
      expect(added).toHaveLength(90);
      expect(left.alreadyPresent.length + right.alreadyPresent.length).toBe(30);
    });
  });
});
