import { API_SCOPES } from '@chronicle/domain';
import { ApiKeyStore, issueApiKey, runMigrations } from '@chronicle/persistence';
import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase, kafkaBrokers, uniqueTopicPrefix } from '../../support/test-environment';
import { ChronicleCluster } from './chronicle-cluster';

/** A migrated database, a topic prefix and a cluster of services, private to one test file. */
export interface ChronicleStack {
  cluster: ChronicleCluster;
  databaseUrl: string;
  topicPrefix: string;
  env: Record<string, string>;
  /** With `CHRONICLE_AUTH: 'on'`: a key with every scope, in tenant `default`; `authorization` is its header. */
  apiKey?: string;
  authorization: Record<string, string>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  teardown(): Promise<void>;
}

/** Environment every service of a test stack gets. */
export function stackEnvironment(databaseUrl: string, topicPrefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CHRONICLE_ENV: 'test',
    // As the cluster's defaults, repeated here because `env` also reaches CLI runs and auth checks.
    CHRONICLE_AUTH: 'off',
    ENRICH_SENTIMENT_ENCODER: 'off',
    KAFKA_BROKERS: kafkaBrokers().join(','),
    DATABASE_URL: databaseUrl,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_PARTITIONS: '3',
    CONSUMER_SESSION_TIMEOUT_MS: '6000',
    LOG_LEVEL: 'warn',
    WEBHOOK_RETRY_BASE_MS: '100',
    ALERT_DELIVERY_POLL_MS: '100',
    // Test webhook receivers listen on loopback, which production refuses by default.
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.0/8,::1',
    ...extra,
  };
}

export async function createStack(name: string, extra: Record<string, string> = {}): Promise<ChronicleStack> {
  const databaseUrl = await createTestDatabase(name);
  await runMigrations(databaseUrl);
  const topicPrefix = uniqueTopicPrefix(name);
  const env = stackEnvironment(databaseUrl, topicPrefix, extra);
  const cluster = new ChronicleCluster(`${name}-${topicPrefix}`, env);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let apiKey: string | undefined;
  if (env.CHRONICLE_AUTH === 'on') {
    const store = ApiKeyStore.connect(databaseUrl, 1);
    apiKey = (await issueApiKey(store, { name: `${name} test`, scopes: [...API_SCOPES] }).finally(() => store.close())).key;
  }
  return {
    cluster,
    databaseUrl,
    topicPrefix,
    env,
    apiKey,
    authorization: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    teardown: async () => {
      await cluster.stopAll();
      await client.end();
      await dropTestDatabase(databaseUrl);
    },
  };
}
