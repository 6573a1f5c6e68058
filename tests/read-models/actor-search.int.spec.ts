import { createDataSource, runMigrations } from '@chronicle/persistence';
import { ActorQueries } from '@chronicle/read-models';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

/**
 * Characters that make case-insensitive containment hard: LIKE's wildcards and escape, the newline that joins
 * name and aliases in `search_text`, and letters whose lower case is not a plain ASCII shift.
 */
const CHARACTERS = ['a', 'A', 'b', 'é', 'É', 'ß', 'İ', 'i', 'Σ', 'σ', 'ς', '%', '_', '\\', '\n', ' '];
const word = fc.array(fc.constantFrom(...CHARACTERS), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
const actorsArbitrary = fc.array(fc.record({ name: word, aliases: fc.array(word, { maxLength: 3 }) }), {
  minLength: 1,
  maxLength: 12,
});

/**
 * The oracle: PostgreSQL's own case-insensitive containment in the name or in one alias (`strpos` of the
 * `lower` of both, which is what `ILIKE` compares in a UTF-8 database), with no pattern syntax at all.
 */
const CONTAINING = `
  SELECT id FROM actors
  WHERE strpos(lower(name), lower($1)) > 0 OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE strpos(lower(a), lower($1)) > 0)
  ORDER BY mention_count DESC, id COLLATE "C"`;

describe('the actor search (`/v1/actors?q=`)', () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase('actor-search');
    await runMigrations(url);
    dataSource = await createDataSource(url, 1).initialize();
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  async function storeActors(actors: ReadonlyArray<{ name: string; aliases: string[] }>): Promise<void> {
    await dataSource.query('DELETE FROM actors');
    await dataSource.query(
      `INSERT INTO actors (id, name, kind, aliases, first_seen, last_seen, mention_count)
       SELECT 'person:' || i, a->>'name', 'person', ARRAY(SELECT jsonb_array_elements_text(a->'aliases')), now(), now(), i % 3
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(a, i)`,
      [JSON.stringify(actors)],
    );
  }

  describe('when names and aliases hold wildcards, newlines and letters with special lower cases', () => {
    it('finds exactly the actors whose name or one alias contains the text, ignoring case', async () => {
      await fc.assert(
        fc.asyncProperty(actorsArbitrary, word, async (actors, text) => {
          await storeActors(actors);
          const expected = ((await dataSource.query(CONTAINING, [text])) as Array<{ id: string }>).map((r) => r.id);
          const found = (await new ActorQueries(dataSource).search(text, 100, 0)).map((a) => a.id);
          expect(found).toEqual(expected);
        }),
        { numRuns: 150 },
      );
    });
  });

  describe("when an actor's aliases change", () => {
    it('finds it by the new alias and no longer by the old one', async () => {
      await storeActors([{ name: 'Volodymyr Zelenskyy', aliases: ['Zelensky'] }]);
      await dataSource.query(`UPDATE actors SET aliases = '{Zelenskiy}'`);
      const search = async (text: string) => (await new ActorQueries(dataSource).search(text, 10, 0)).map((a) => a.id);
      expect(await search('zelenskiy')).toEqual(['person:1']);
      expect(await search('ZELENSKY')).toEqual(['person:1']); // still a part of the name
      expect(await search('enskyy\nzel')).toEqual([]); // across the name and the new alias
    });
  });
});
