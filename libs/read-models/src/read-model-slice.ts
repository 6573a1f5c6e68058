import { ArticleContribution } from './contributions/fold';
import { SqlRunner, SqlSession } from './sql/sql-session';

/** A read model computed from tables of the same projection at query time. */
export interface ReadModelView {
  name: string;
  /** Its SELECT over the tables in `schema`. */
  select: (schema: string) => string;
}

/** One read model: the tables it owns (in lock order) and the views over them. */
export interface ReadModelSlice {
  name: string;
  tables: readonly string[];
  views?: readonly ReadModelView[];
  /**
   * Secondary indexes of its tables that no write reads while a rebuild loads rows (only queries
   * and the incremental aggregates do): a rebuild builds them once after the load, with one sort
   * each, instead of inserting into them row by row.
   */
  indexesBuiltAfterLoad?: readonly string[];
}

/** Accumulates one aggregate's changes from contributions added (+1) and removed (-1). */
export interface ContributionFold<Changes> {
  add(contribution: ArticleContribution, sign: 1 | -1): void;
  changes(): Changes;
}

/**
 * A read model whose rows follow from the contributions in place by a fold, which specs can check
 * its tables against (`projectionSpec` in memory, `describeSliceInPostgres` in PostgreSQL).
 */
export interface FoldedSlice<Changes = unknown> extends ReadModelSlice {
  startFold(): ContributionFold<Changes>;
  rows: SliceRows<Changes>;
}

/**
 * A read model aggregated from the article contributions (mentions and statements): its pure
 * fold, the parameters it encodes before the transaction, its incremental write and the
 * set-based derivation a rebuild fills it with, by the same rules.
 */
export interface AggregateSlice<Name extends string = string, Changes = unknown, Encoded = unknown> extends FoldedSlice<Changes> {
  name: Name;
  /** Done before the first aggregate row is locked, so the locked part of a batch is database work only. */
  encode(changes: Changes): Encoded;
  /** Applies the changes; takes this slice's row locks in key order. */
  write(session: SqlSession, encoded: Encoded): Promise<void>;
  /** The tables `derive` fills, when not all of `tables`. */
  derivedTables?: readonly string[];
  /** Fills the (emptied) derived tables from the row tables, in a transaction of its own, the current search path and UTC. */
  derive(sql: SqlRunner): Promise<void>;
}

/** One stored row as plain values (instants as ISO strings), for comparing a slice's tables with its fold. */
export type ReadModelRow = Record<string, string | number | boolean | null | string[]>;

/**
 * A slice's rows in one comparable shape: as its fold of every contribution in place gives them
 * (no removals, so every value is exact), and as its tables hold them. Specs check the one
 * against the other: the incremental SQL must leave what folding the surviving log gives.
 */
export interface SliceRows<Changes> {
  fromFold(changes: Changes): ReadModelRow[];
  read(sql: SqlRunner): Promise<ReadModelRow[]>;
}

export type ChangesOf<S> = S extends AggregateSlice<string, infer C, unknown> ? C : never;
export type EncodedOf<S> = S extends AggregateSlice<string, unknown, infer E> ? E : never;
