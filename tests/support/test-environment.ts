import type { KafkaSettings } from '@chronicle/kafka';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { inject } from 'vitest';
import { PostgresDatabase } from '../../apps/cli/src/infra/postgres-database';

/** Every database made by {@link createTestDatabase} starts with this, so only those can be dropped. */
const TEST_DATABASE_PREFIX = 't_';

/** Bootstrap servers of the run's Kafka cluster (from the global setup). */
export function kafkaBrokers(): string[] {
  return inject('kafkaBrokers');
}

/** Client settings for a test's own producers, readers and admin on the run's Kafka cluster, under `topicPrefix`. */
export function testKafkaSettings(clientId: string, topicPrefix: string): KafkaSettings {
  return {
    brokers: kafkaBrokers(),
    clientId,
    topicPrefix,
    partitions: 3,
    replicationFactor: 1,
    maxWaitMs: 100,
    sessionTimeoutMs: 6000,
  };
}

/** URL of the run's base database (from the global setup). */
export function databaseUrl(): string {
  return inject('databaseUrl');
}

/**
 * A topic prefix no other test (or earlier run against the same broker) uses, e.g.
 * `t-enrich-handler-3f9a1c-`, so tests never read each other's messages.
 */
export function uniqueTopicPrefix(name: string): string {
  return `t-${slug(name, '-', 40)}-${randomSuffix()}-`;
}

/**
 * Creates an empty database on the run's PostgreSQL server and returns its URL.
 * Pair with {@link dropTestDatabase} in `afterAll`.
 */
export async function createTestDatabase(name: string): Promise<string> {
  const databaseName = `${TEST_DATABASE_PREFIX}${slug(name, '_', 40)}_${randomSuffix()}`;
  return new PostgresDatabase(databaseUrl()).createDatabase(databaseName);
}

/**
 * Drops a database made by {@link createTestDatabase}, closing its open connections first.
 * @throws Error for any other database, so a wrong URL cannot drop real data.
 */
export async function dropTestDatabase(url: string): Promise<void> {
  const database = new PostgresDatabase(url);
  if (!database.name.startsWith(TEST_DATABASE_PREFIX)) {
    throw new Error(`Refusing to drop "${database.name}": not created by createTestDatabase`);
  }
  await closingConnectionsGone(database.name);
  await database.dropDatabase(database.name);
}

/**
 * Waits (up to 1.5 s) until no connection to the database is left. pg's `Pool.end()` resolves before its
 * connections have closed; one still closing when `DROP DATABASE … WITH (FORCE)` terminates it emits an
 * 'error' that its pool no longer listens to, which fails the run as an unhandled error.
 */
async function closingConnectionsGone(name: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl() });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (let waited = 0; waited < 1_500; waited += 25) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      if (rows[0]!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await client.end();
  }
}

/** Polling options for {@link waitFor}. */
export interface WaitForOptions<T> {
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the timeout error. */
  description?: string;
  /** Overrides the default "not false and not null" acceptance rule. */
  until?: (value: T) => boolean;
}

/**
 * Calls `fn` until it succeeds and returns its value. A call "succeeds" when it does not throw
 * and returns anything but `false` or `null` (so `() => rows.length > 0`, `() => repo.findOneBy(...)`
 * and assertion-only callbacks returning nothing all work); pass `until` for another rule.
 * @throws Error after `timeoutMs` naming the last value or error seen.
 */
export async function waitFor<T>(fn: () => T | Promise<T>, options: WaitForOptions<T> = {}): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 100, description = fn.toString().slice(0, 120) } = options;
  const accept = options.until ?? ((value: T) => value !== false && value !== null);
  const deadline = Date.now() + timeoutMs;
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await fn();
      if (accept(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      const seen = !last
        ? 'never called'
        : 'error' in last
          ? `last error: ${describeError(last.error)}`
          : `last value: ${preview(last.value)}`;
      throw new Error(`waitFor timed out after ${timeoutMs} ms waiting for ${description} (${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function slug(name: string, separator: string, maxLength: number): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '')
    .slice(0, maxLength);
  return cleaned || 'test';
}

function randomSuffix(): string {
  return randomBytes(3).toString('hex');
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : preview(error);
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return String(value);
  }
}
