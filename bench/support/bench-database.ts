import { runMigrations } from '@chronicle/persistence';
import { Client } from 'pg';

/** The benches' server: `DATABASE_URL`'s, or the local one. */
export const BENCH_SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/chronicle';

/** URL of database `name` on the bench server. */
export function benchDatabaseUrl(name: string): string {
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function administer(sql: string): Promise<void> {
  const admin = new Client({ connectionString: benchDatabaseUrl('postgres') });
  await admin.connect();
  await admin.query(sql).finally(() => admin.end());
}

/** Drops and re-creates database `name` with every migration applied; returns its URL. */
export async function freshBenchDatabase(name: string): Promise<string> {
  await dropBenchDatabase(name);
  await administer(`CREATE DATABASE ${name}`);
  const url = benchDatabaseUrl(name);
  await runMigrations(url);
  return url;
}

export async function dropBenchDatabase(name: string): Promise<void> {
  await administer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/**
 * Database `name` as an earlier run left it (`--keep`), brought up to the current migrations;
 * returns its URL. Fails when it does not exist.
 */
export async function keptBenchDatabase(name: string): Promise<string> {
  const url = benchDatabaseUrl(name);
  const client = new Client({ connectionString: url });
  await client.connect().catch((error: Error) => {
    throw new Error(`no kept database ${name} to reuse (run once with --keep): ${error.message}`);
  });
  await client.end();
  await runMigrations(url);
  return url;
}
