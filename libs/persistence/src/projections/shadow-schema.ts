import { DataSource, EntityManager } from 'typeorm';
import { AggregateDerivation, ProjectionDefinition } from './projection-catalog';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * One-row table in a shadow schema whose projection derives its aggregates: `deferred` while the
 * rebuild loads only rows. Projector batches read it `FOR SHARE` and hold it until they commit,
 * so the flip in {@link deriveDeferredAggregates} waits for every batch that skipped the
 * aggregates, and every later batch sees the flip and maintains them.
 */
export const AGGREGATE_GATE_TABLE = 'aggregate_build';

/**
 * Memory for each derivation's sorts and hash aggregates (PostgreSQL's default is 4 MB): grouping millions of
 * rows then spills to disk instead of staying in memory. Derivations run `concurrency` at a time, each in its own
 * transaction, so a rebuild uses at most a few times this (hash aggregates may take `hash_mem_multiplier` times it).
 */
const DERIVATION_WORK_MEM = '256MB';

/**
 * Table in a shadow schema listing the indexes left off its tables while the rebuild loads rows,
 * with the statement that builds each; a row goes in the same transaction as its index is built.
 */
export const DEFERRED_INDEXES_TABLE = 'deferred_indexes';

/**
 * Memory for building each deferred index (PostgreSQL's default is 64 MB): a B-tree's sort and the GIN index's
 * entry accumulator then stay in memory for the hundreds of thousands of statements of a rebuild. Builds run in
 * the derivations' queue, so a rebuild uses at most a few times this.
 */
const INDEX_BUILD_MAINTENANCE_WORK_MEM = '256MB';

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a safe SQL identifier: ${name}`);
  return name;
}

/** Creates an empty copy of the projection's tables (and a positions table) and its views in `schema`. */
export async function createShadowSchema(
  dataSource: DataSource,
  projection: ProjectionDefinition,
  schema: string,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`DROP SCHEMA IF EXISTS ${identifier(schema)} CASCADE`);
    await manager.query(`CREATE SCHEMA ${identifier(schema)}`);
    for (const table of [...projection.tables, 'consumer_positions']) {
      await manager.query(`CREATE TABLE ${schema}.${identifier(table)} (LIKE public.${table} INCLUDING ALL)`);
      await renameIndexesLikeLive(manager, schema, table);
      await copyStorageParameters(manager, schema, table);
    }
    for (const view of projection.views ?? []) {
      await manager.query(`CREATE VIEW ${schema}.${identifier(view.name)} AS ${view.select(schema)}`);
    }
    if (projection.aggregateDerivations) {
      await manager.query(`CREATE TABLE ${schema}.${AGGREGATE_GATE_TABLE} (deferred boolean NOT NULL)`);
      await manager.query(`INSERT INTO ${schema}.${AGGREGATE_GATE_TABLE} (deferred) VALUES (true)`);
      await deferIndexes(manager, schema, projection.indexesBuiltAfterLoad ?? []);
    }
  });
}

/**
 * Drops these indexes from the shadow's tables and records how to build them again, so that loading rows does not
 * insert into them row by row: {@link deriveDeferredAggregates} builds each with one sort once the rows are in.
 */
async function deferIndexes(manager: EntityManager, schema: string, names: readonly string[]): Promise<void> {
  await manager.query(`CREATE TABLE ${schema}.${DEFERRED_INDEXES_TABLE} (name text PRIMARY KEY, definition text NOT NULL)`);
  for (const name of names) {
    const [index]: Array<{ definition: string | null }> = await manager.query(
      `SELECT pg_get_indexdef(to_regclass($1)) AS definition`,
      [`${schema}.${identifier(name)}`],
    );
    if (!index?.definition) throw new Error(`${name} is not an index of the shadow tables in ${schema}`);
    await manager.query(`INSERT INTO ${schema}.${DEFERRED_INDEXES_TABLE} (name, definition) VALUES ($1, $2)`, [
      name,
      index.definition,
    ]);
    await manager.query(`DROP INDEX ${schema}.${name}`);
  }
}

/** Builds one deferred index and strikes it off the list, in one transaction. */
async function buildDeferredIndex(
  dataSource: DataSource,
  schema: string,
  index: { name: string; definition: string },
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL maintenance_work_mem = '${INDEX_BUILD_MAINTENANCE_WORK_MEM}'`);
    await manager.query(index.definition);
    await manager.query(`DELETE FROM ${schema}.${DEFERRED_INDEXES_TABLE} WHERE name = $1`, [index.name]);
  });
}

async function deferredIndexes(manager: EntityManager, schema: string): Promise<Array<{ name: string; definition: string }>> {
  const [table] = await manager.query('SELECT to_regclass($1) IS NOT NULL AS present', [
    `${identifier(schema)}.${DEFERRED_INDEXES_TABLE}`,
  ]);
  if (!table.present) return [];
  return manager.query(`SELECT name, definition FROM ${schema}.${DEFERRED_INDEXES_TABLE} ORDER BY name`);
}

/**
 * Ends a shadow's row-only phase. A gate transaction locks the gate row (waiting for the batches
 * that hold it; later batches wait for it), the row tables are analysed, the indexes left off while loading are built and the
 * derivations fill their tables from the rows, each in a transaction of its own, `concurrency` at
 * a time, and the gate flips only once all have committed. Should anything fail midway the gate
 * stays deferred: the swap refuses the shadow, and a new call builds the indexes still missing
 * and derives again from scratch. Returns false when the aggregates were derived already.
 */
export async function deriveDeferredAggregates(
  dataSource: DataSource,
  projection: ProjectionDefinition,
  schema: string,
  concurrency = 2,
): Promise<boolean> {
  const derivations = projection.aggregateDerivations ?? [];
  if (derivations.length === 0) return false;
  const gate = dataSource.createQueryRunner();
  await gate.connect();
  try {
    await gate.startTransaction();
    const [row] = await gate.query(`SELECT deferred FROM ${identifier(schema)}.${AGGREGATE_GATE_TABLE} FOR UPDATE`);
    if (row?.deferred !== true) {
      await gate.rollbackTransaction();
      return false;
    }
    // In a transaction of its own: held by the gate's, ANALYZE's lock would keep the deferred index builds waiting.
    await analyzeRowTables(dataSource, projection, schema);
    const indexes = await deferredIndexes(gate.manager, schema);
    const derive =
      ({ tables, derive }: AggregateDerivation) =>
      () =>
        dataSource.transaction(async (manager) => {
          await manager.query(`SET LOCAL search_path TO ${schema}`);
          await manager.query(`SET LOCAL TimeZone = 'UTC'`);
          await manager.query(`SET LOCAL work_mem = '${DERIVATION_WORK_MEM}'`);
          await manager.query(`TRUNCATE ${tables.map(identifier).join(', ')}`);
          await withSecondaryIndexesBuiltAfter(manager, schema, tables, () => derive(manager));
        });
    // The indexes before the other derivations, so these read the tables indexed as the live ones are.
    await atMost(concurrency, [
      ...derivations.filter((d) => d.startsFirst).map(derive),
      ...indexes.map((index) => () => buildDeferredIndex(dataSource, schema, index)),
      ...derivations.filter((d) => !d.startsFirst).map(derive),
    ]);
    await gate.query(`UPDATE ${schema}.${AGGREGATE_GATE_TABLE} SET deferred = false`);
    await gate.commitTransaction();
    return true;
  } catch (error) {
    if (gate.isTransactionActive) await gate.rollbackTransaction();
    throw error;
  } finally {
    await gate.release();
  }
}

/**
 * Gives the planner statistics of the rows just loaded before the derivations read them, instead of leaving it to
 * whether autovacuum sampled them mid-load. With none, it guesses the mentions' self-join of `actor_pairs` at about a
 * hundred times its real size and picks a hash join into a spilling hash aggregate: on the api bench's 100,000
 * articles that INSERT took 77.7 s from a never-analysed copy of the mentions against 55.1 s analysed (idle machine).
 * In `npm run bench -- rebuild` autovacuum had analysed them in time: 120.1 s without this, 119.1 s with it.
 * ANALYZE samples a bounded number of rows (1.6 s for all the row tables there), and its lock blocks no write.
 */
async function analyzeRowTables(dataSource: DataSource, projection: ProjectionDefinition, schema: string): Promise<void> {
  const derived = new Set((projection.aggregateDerivations ?? []).flatMap((d) => d.tables));
  const rowTables = projection.tables.filter((table) => !derived.has(table));
  if (rowTables.length > 0)
    await dataSource.query(`ANALYZE ${rowTables.map((table) => `${schema}.${identifier(table)}`).join(', ')}`);
}

/**
 * Runs a derivation into empty tables with their non-unique indexes dropped, then builds each with one sort, in the
 * derivation's transaction (a failure leaves them as they were). Inserted row by row, index entries cost most of a
 * derivation: the sentiment hours of a 100,000-event rebuild (665,741 rows) took 9.3 s into the table with its four
 * secondary indexes, against 2.3 s without them and 1.7 s to build the four afterwards. Unique indexes stay, since
 * a derivation may rely on them (`ON CONFLICT`), and they back constraints.
 */
async function withSecondaryIndexesBuiltAfter(
  manager: EntityManager,
  schema: string,
  tables: readonly string[],
  derive: () => Promise<void>,
): Promise<void> {
  const indexes: Array<{ name: string; definition: string }> = await manager.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = $1 AND t.relname = ANY($2) AND NOT i.indisunique
     ORDER BY c.relname`,
    [schema, tables],
  );
  for (const index of indexes) await manager.query(`DROP INDEX ${identifier(schema)}.${identifier(index.name)}`);
  await derive();
  await manager.query(`SET LOCAL maintenance_work_mem = '${INDEX_BUILD_MAINTENANCE_WORK_MEM}'`);
  for (const index of indexes) await manager.query(index.definition);
}

/** Starts the tasks in order, `concurrency` at a time. */
async function atMost(concurrency: number, tasks: ReadonlyArray<() => Promise<void>>): Promise<void> {
  const queue = [...tasks];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) await next();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
}

/** Whether `schema` is a rebuild's shadow still loading rows only (its aggregate gate says deferred). */
export async function aggregatesDeferred(manager: EntityManager, schema: string): Promise<boolean> {
  const [gate] = await manager.query('SELECT to_regclass($1) IS NOT NULL AS present', [
    `${identifier(schema)}.${AGGREGATE_GATE_TABLE}`,
  ]);
  if (!gate.present) return false;
  const [row] = await manager.query(`SELECT deferred FROM ${schema}.${AGGREGATE_GATE_TABLE}`);
  return row?.deferred === true;
}

type IndexRow = { indexname: string; indexdef: string };

/**
 * LIKE … INCLUDING ALL invents index names; give the shadow's indexes (and the constraints they
 * back) the live names, so that after the swap later migrations find the names they expect.
 */
async function renameIndexesLikeLive(manager: EntityManager, schema: string, table: string): Promise<void> {
  const list = (s: string): Promise<IndexRow[]> =>
    manager.query('SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2', [s, table]);
  const shape = (row: IndexRow, s: string) => row.indexdef.replace(` ${row.indexname} ON ${s}.`, ' ? ON ');
  const live = await list('public');
  for (const shadowIndex of await list(schema)) {
    const twin = live.find((l) => shape(l, 'public') === shape(shadowIndex, schema));
    if (twin && twin.indexname !== shadowIndex.indexname) {
      await manager.query(`ALTER INDEX ${schema}.${identifier(shadowIndex.indexname)} RENAME TO ${identifier(twin.indexname)}`);
    }
  }
}

/**
 * LIKE … INCLUDING ALL leaves out a table's storage parameters: give the shadow table the live one's (an upserted
 * table's fillfactor, which leaves room for updates on their page), so the swapped-in table is written as the live one was.
 */
async function copyStorageParameters(manager: EntityManager, schema: string, table: string): Promise<void> {
  const [live]: Array<{ options: string | null }> = await manager.query(
    `SELECT array_to_string(reloptions, ', ') AS options FROM pg_class WHERE oid = to_regclass($1)`,
    [`public.${table}`],
  );
  if (live?.options) await manager.query(`ALTER TABLE ${schema}.${identifier(table)} SET (${live.options})`);
}

export async function dropSchema(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.query(`DROP SCHEMA IF EXISTS ${identifier(schema)} CASCADE`);
}

export type SwapOutcome = { swapped: true; retiredSchema: string } | { swapped: false; behind: number };

/**
 * Swaps the shadow tables in for the live ones in one transaction, but only once the shadow has
 * applied at least everything the live projector had. Live projector transactions are held at
 * their position rows first (so none is half-way through a table when it moves); readers wait a
 * moment on the table locks and then see the new tables. The live consumer continues from the
 * shadow's positions.
 */
export async function swapShadowIn(
  dataSource: DataSource,
  projection: ProjectionDefinition,
  options: {
    shadowSchema: string;
    liveConsumer: string;
    shadowConsumer: string;
    retiredSchema: string;
    /** Runs inside the swap transaction (e.g. to record which version is now live). */
    onSwapped?: (manager: EntityManager) => Promise<void>;
  },
): Promise<SwapOutcome> {
  const { shadowSchema, liveConsumer, shadowConsumer, retiredSchema } = options;
  return dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL lock_timeout = 10000');
    const live: Array<{ topic: string; partition: number; next_offset: string }> = await manager.query(
      'SELECT topic, partition, next_offset FROM public.consumer_positions WHERE consumer = $1 ORDER BY topic, partition FOR UPDATE',
      [liveConsumer],
    );
    const shadow: Array<{ topic: string; partition: number; next_offset: string }> = await manager.query(
      `SELECT topic, partition, next_offset FROM ${identifier(shadowSchema)}.consumer_positions WHERE consumer = $1`,
      [shadowConsumer],
    );
    if (await aggregatesDeferred(manager, shadowSchema)) {
      throw new Error(`${shadowSchema} still has its aggregates deferred: derive them before the swap`);
    }
    const shadowAt = new Map(shadow.map((r) => [`${r.topic}:${r.partition}`, BigInt(r.next_offset)]));
    const behind = live.reduce((sum, r) => {
      const gap = BigInt(r.next_offset) - (shadowAt.get(`${r.topic}:${r.partition}`) ?? 0n);
      return gap > 0n ? sum + Number(gap) : sum;
    }, 0);
    if (behind > 0) return { swapped: false, behind };
    await manager.query(
      `LOCK TABLE ${projection.tables.map((t) => `public.${identifier(t)}`).join(', ')} IN ACCESS EXCLUSIVE MODE`,
    );
    await manager.query(`CREATE SCHEMA ${identifier(retiredSchema)}`);
    for (const table of projection.tables) {
      await manager.query(`ALTER TABLE public.${table} SET SCHEMA ${retiredSchema}`);
      await manager.query(`ALTER TABLE ${shadowSchema}.${table} SET SCHEMA public`);
    }
    // Views are bound to tables, not names: point the live ones at the tables now live.
    for (const view of projection.views ?? []) {
      await manager.query(`CREATE OR REPLACE VIEW public.${identifier(view.name)} AS ${view.select('public')}`);
    }
    await manager.query(
      `INSERT INTO public.consumer_positions (consumer, topic, partition, next_offset, updated_at, cluster_id)
       SELECT $1, topic, partition, next_offset, now(), cluster_id FROM ${shadowSchema}.consumer_positions WHERE consumer = $2
       ON CONFLICT (consumer, topic, partition)
       DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now(), cluster_id = EXCLUDED.cluster_id`,
      [liveConsumer, shadowConsumer],
    );
    await options.onSwapped?.(manager);
    return { swapped: true, retiredSchema };
  });
}
