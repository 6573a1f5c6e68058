import { createDataSource, MAX_PREPARED_STATEMENTS, preparedStatements, PreparedStatementRunner } from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

describe('preparedStatements', () => {
  let url: string;
  let dataSource: DataSource;
  let sql: PreparedStatementRunner;
  /** The statements prepared on the one pooled connection (the pool holds one, so every call shares it). */
  const prepared = async (): Promise<string[]> =>
    (await sql.query(`SELECT statement FROM pg_prepared_statements ORDER BY prepare_time`)).map(
      (row) => (row as { statement: string }).statement,
    );

  beforeAll(async () => {
    url = await createTestDatabase('prepared-statements');
    dataSource = await createDataSource(url, 1).initialize();
    await dataSource.query(`CREATE TABLE figures (id int PRIMARY KEY, name text NOT NULL)`);
    await dataSource.query(`INSERT INTO figures VALUES (1, 'Zelenskyy'), (2, 'Trump'), (3, 'Erdogan')`);
    sql = preparedStatements(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  describe('when a statement runs with different parameters', () => {
    it('returns the rows each time, as DataSource.query does, and prepares the statement once', async () => {
      const byId = 'SELECT id, name FROM figures WHERE id = ANY($1::int[]) ORDER BY id';

      expect(await sql.query(byId, [[1, 3]])).toEqual(await dataSource.query(byId, [[1, 3]]));
      expect(await sql.query(byId, [[2]])).toEqual([{ id: 2, name: 'Trump' }]);
      expect(await sql.query(byId, [[4]])).toEqual([]);

      expect((await prepared()).filter((statement) => statement === byId)).toHaveLength(1);
    });
  });

  describe('when the table a prepared statement reads is swapped for a new one under its name', () => {
    it('reads the new table', async () => {
      const all = 'SELECT name FROM figures ORDER BY id';
      expect(await sql.query(all)).toEqual([{ name: 'Zelenskyy' }, { name: 'Trump' }, { name: 'Erdogan' }]);

      // As a rebuild's swap does: the shadow table renamed in, the old one dropped.
      await dataSource.transaction(async (manager) => {
        await manager.query(`CREATE TABLE figures_shadow (id int PRIMARY KEY, name text NOT NULL)`);
        await manager.query(`INSERT INTO figures_shadow VALUES (1, 'Volodymyr Zelenskyy')`);
        await manager.query(`ALTER TABLE figures RENAME TO figures_old`);
        await manager.query(`ALTER TABLE figures_shadow RENAME TO figures`);
        await manager.query(`DROP TABLE figures_old`);
      });

      expect(await sql.query(all)).toEqual([{ name: 'Volodymyr Zelenskyy' }]);
    });
  });

  describe('when more distinct statements run than it prepares', () => {
    it(`prepares the first ${MAX_PREPARED_STATEMENTS} and runs the others unprepared`, async () => {
      const before = (await prepared()).length;
      const statements = Array.from({ length: MAX_PREPARED_STATEMENTS + 5 }, (_, i) => `SELECT $1::int + ${i} AS n`);

      for (const [i, statement] of statements.entries()) expect(await sql.query(statement, [100])).toEqual([{ n: 100 + i }]);

      const after = await prepared();
      expect(after).toHaveLength(MAX_PREPARED_STATEMENTS);
      expect(after.slice(before)).toEqual(statements.slice(0, MAX_PREPARED_STATEMENTS - before));
    });
  });
});
