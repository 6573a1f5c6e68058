import { createHash } from 'node:crypto';
import type { Pool, QueryResult } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Distinct statements one process prepares at most. Each is kept by every pooled connection (in PostgreSQL's
 * session memory) for the connection's life; a statement past the cap runs unprepared, as `DataSource.query` would.
 */
export const MAX_PREPARED_STATEMENTS = 64;

/** What a read model's queries need (`SqlRunner` in `@chronicle/read-models`): parameterised SQL returning rows. */
export interface PreparedStatementRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown[]>;
}

/**
 * Runs each statement as a named prepared statement on the DataSource's own pool (its connections and settings):
 * a connection parses, analyses and plans a statement once, and PostgreSQL may then reuse a generic plan instead of
 * planning every call (for the dashboard's trends statement, planning cost more than running it).
 *
 * Only for read statements whose plan does not depend on their parameters' values (an actor id, a window): a cached
 * generic plan is chosen from estimates for any value, so a search whose best plan differs between a rare and a
 * common word must not come here. A statement stays valid when a rebuild swaps a table under it: PostgreSQL
 * analyses and plans it again after a change to any table it reads. Returns the rows, for reads.
 */
export function preparedStatements(dataSource: DataSource): PreparedStatementRunner {
  const names = new Map<string, string>();
  const pool = (): Pool => (dataSource.driver as PostgresDriver).master as Pool;
  const nameOf = (sql: string): string | undefined => {
    const known = names.get(sql);
    if (known !== undefined || names.size >= MAX_PREPARED_STATEMENTS) return known;
    const name = `chronicle_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
    return name;
  };
  return {
    async query(sql, parameters = []) {
      const result: QueryResult = await pool().query({ name: nameOf(sql), text: sql, values: parameters });
      return result.rows;
    },
  };
}
