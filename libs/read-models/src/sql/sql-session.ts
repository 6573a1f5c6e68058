/**
 * What a read model's queries and derivations need of a database connection: parameterised SQL
 * returning rows. A TypeORM `DataSource` or `EntityManager` fits as it is.
 */
export interface SqlRunner {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** Rows of one table as a `COPY … FROM STDIN` statement and its data, encoded ahead of sending. */
export interface EncodedCopy {
  table: string;
  statement: string;
  text: string;
  rows: number;
}

/**
 * The connection of one projector transaction. Unlike {@link SqlRunner}, `rows` always returns
 * the result rows (for `DELETE … RETURNING` too), and `written` counts rows per table for metrics.
 */
export interface SqlSession {
  rows<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  /** Runs a write and counts `rows` as written to `table`; returns what it returned. */
  write<T = Record<string, unknown>>(table: string, rows: number, sql: string, parameters?: unknown[]): Promise<T[]>;
  /** Streams encoded rows in with COPY (counted as written). */
  copy(rows: EncodedCopy): Promise<void>;
  /** Counts rows written by a statement that reported them itself. */
  written(table: string, rows: number): void;
}
