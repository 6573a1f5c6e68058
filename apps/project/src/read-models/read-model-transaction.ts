import { AGGREGATE_GATE_TABLE } from '@chronicle/persistence';
import { EncodedCopy, SqlSession } from '@chronicle/read-models';
import { finished } from 'node:stream/promises';
import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EntityManager, QueryFailedError } from 'typeorm';

/** What the projector needs of one batch's transaction: the slices' SQL session, and whether aggregates wait for a rebuild's derivation. */
export interface ReadModelTransaction extends SqlSession {
  aggregatesDeferred(): Promise<boolean>;
}

/**
 * A batch's transaction over the pg connection TypeORM holds for it. Counts the rows written per
 * table, for metrics reported once the transaction commits.
 */
export class PgReadModelTransaction implements ReadModelTransaction {
  readonly rowsWritten = new Map<string, number>();
  private client?: Promise<PoolClient>;

  /** @param aggregates `deferred` in a rebuild's projector, whose schema has an aggregate gate. */
  constructor(
    private readonly manager: EntityManager,
    private readonly aggregates: 'incremental' | 'deferred' = 'incremental',
  ) {}

  /**
   * Whether this batch leaves the aggregates to a later derivation (a rebuild loading rows).
   * Reads the gate `FOR SHARE`, held until commit, so the derivation sees this batch's rows.
   */
  async aggregatesDeferred(): Promise<boolean> {
    if (this.aggregates === 'incremental') return false;
    const [gate] = await this.rows<{ deferred: boolean }>(`SELECT deferred FROM ${AGGREGATE_GATE_TABLE} FOR SHARE`);
    if (!gate) throw new Error(`PROJECTION_AGGREGATES=deferred needs a rebuild schema with its ${AGGREGATE_GATE_TABLE} table`);
    return gate.deferred === true;
  }

  async rows<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]> {
    const client = await this.connection();
    try {
      return (await client.query(sql, parameters)).rows as T[];
    } catch (error) {
      throw asQueryFailed(error, sql, parameters);
    }
  }

  async write<T = Record<string, unknown>>(table: string, rows: number, sql: string, parameters?: unknown[]): Promise<T[]> {
    this.written(table, rows);
    return this.rows<T>(sql, parameters);
  }

  /** `COPY … FROM STDIN` of encoded rows on this transaction's connection. */
  async copy(rows: EncodedCopy): Promise<void> {
    if (rows.rows === 0) return;
    this.written(rows.table, rows.rows);
    const client = await this.connection();
    const stream = client.query(copyFrom(rows.statement));
    stream.end(rows.text);
    try {
      await finished(stream);
    } catch (error) {
      throw asQueryFailed(error, rows.statement);
    }
  }

  written(table: string, rows: number): void {
    this.rowsWritten.set(table, (this.rowsWritten.get(table) ?? 0) + rows);
  }

  private connection(): Promise<PoolClient> {
    const runner = this.manager.queryRunner;
    if (!runner) throw new Error('read-model writes need the EntityManager of a transaction');
    this.client ??= runner.connect() as Promise<PoolClient>;
    return this.client;
  }
}

/**
 * A database error as TypeORM reports one (`QueryFailedError` wrapping the driver's error, SQLSTATE
 * kept), so failure classification and dead letters name it as they name every other query's.
 */
function asQueryFailed(error: unknown, sql: string, parameters?: unknown[]): unknown {
  if (!(error instanceof Error) || typeof (error as { code?: unknown }).code !== 'string') return error;
  return new QueryFailedError(sql, parameters, error);
}
