import { createDataSource, runMigrations } from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../../support/test-environment';

/**
 * A migrated test database, made before the spec's tests and dropped after them, holding an `actors` row (name
 * `Actor <id>`, a person) for each id: what read-model queries join their ids to. Read `dataSource()` inside tests.
 */
export function databaseWithActors(name: string, actorIds: readonly string[]): { dataSource: () => DataSource } {
  let url: string | undefined;
  let dataSource: DataSource | undefined;

  beforeAll(async () => {
    url = await createTestDatabase(name);
    await runMigrations(url);
    dataSource = await createDataSource(url, 4).initialize();
    await dataSource.query(
      `INSERT INTO actors (id, name, kind, first_seen, last_seen)
       SELECT id, 'Actor ' || id, 'person', '2026-03-01', '2026-03-01' FROM unnest($1::text[]) AS a(id)`,
      [actorIds],
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  return {
    dataSource: () => {
      if (!dataSource) throw new Error(`the test database ${name} is not made yet (read it inside a test)`);
      return dataSource;
    },
  };
}
