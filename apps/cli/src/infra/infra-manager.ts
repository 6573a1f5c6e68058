import { KafkaClusterInfo, probeKafka, waitForKafka } from '@chronicle/kafka';
import { KafkaBroker, KafkaBrokerOptions, KafkaBrokerStopResult, kafkaBrokerOptionsFromEnv } from './kafka-broker';
import { DEFAULT_DATABASE_URL, PostgresDatabase, redactUrl } from './postgres-database';

/** The environment variables infra reads; pass `process.env` from the edge. */
export type InfraEnv = Partial<
  Record<
    'KAFKA_BROKERS' | 'DATABASE_URL' | 'CHRONICLE_KAFKA_PORT' | 'CHRONICLE_KAFKA_CONTROLLER_PORT' | 'JAVA_HOME',
    string
  >
>;

/** Where the running infrastructure is, as returned by {@link InfraManager.up}. */
export interface InfraUpResult {
  kafkaBrokers: string[];
  databaseUrl: string;
  /** True when `up` spawned the local broker, so the caller owns stopping it. */
  startedBroker: boolean;
  createdDatabase: boolean;
}

/** What {@link InfraManager.status} found. */
export interface InfraStatus {
  kafka: {
    source: 'KAFKA_BROKERS' | 'local';
    state: 'running' | 'stopped';
    brokers: string[];
    managed: boolean;
    pid?: number;
    cluster?: KafkaClusterInfo;
    logFile?: string;
  };
  database: { url: string; state: 'ready' | 'missing' | 'unreachable'; detail?: string };
}

/** Options shared by every {@link InfraManager} operation. */
export interface InfraManagerOptions {
  /** Overrides for the local broker (tests use these to pick ports or the project root). */
  broker?: KafkaBrokerOptions;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * Brings up what Chronicle needs to run: a Kafka cluster (the one in `KAFKA_BROKERS`, or a local
 * broker started on demand) and the PostgreSQL database in `DATABASE_URL` (created if missing).
 * `chronicle infra up` and the vitest global setup both go through here, so tests run against
 * infrastructure prepared exactly as developers get it.
 */
export class InfraManager {
  constructor(private readonly options: InfraManagerOptions = {}) {}

  /**
   * Ensures Kafka answers and the database exists.
   * @throws Error explaining which piece is not ready and how to fix it.
   */
  async up(env: InfraEnv): Promise<InfraUpResult> {
    const readyTimeoutMs = this.options.readyTimeoutMs ?? 60_000;
    let kafkaBrokers = parseBrokers(env.KAFKA_BROKERS);
    let startedBroker = false;
    if (kafkaBrokers) {
      await waitForKafka(kafkaBrokers, { timeoutMs: readyTimeoutMs });
    } else {
      const result = await this.localBroker(env).ensureStarted();
      kafkaBrokers = result.brokers;
      startedBroker = result.started;
    }

    const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
    const database = new PostgresDatabase(databaseUrl);
    await database.waitUntilReady(Math.min(readyTimeoutMs, 30_000));
    const createdDatabase = await database.ensureExists();
    return { kafkaBrokers, databaseUrl, startedBroker, createdDatabase };
  }

  /** Stops the local broker if this project started it; external clusters and Postgres are left alone. */
  async down(env: InfraEnv): Promise<KafkaBrokerStopResult> {
    return this.localBroker(env).stop();
  }

  /** Probes Kafka and the database without starting or creating anything. */
  async status(env: InfraEnv): Promise<InfraStatus> {
    const [kafka, database] = await Promise.all([
      this.kafkaStatus(env),
      databaseStatus(env.DATABASE_URL || DEFAULT_DATABASE_URL),
    ]);
    return { kafka, database };
  }

  private async kafkaStatus(env: InfraEnv): Promise<InfraStatus['kafka']> {
    const external = parseBrokers(env.KAFKA_BROKERS);
    if (!external) return { source: 'local', ...(await this.localBroker(env).status()) };
    try {
      return {
        source: 'KAFKA_BROKERS',
        state: 'running',
        brokers: external,
        managed: false,
        cluster: await probeKafka(external, 2_000),
      };
    } catch {
      return { source: 'KAFKA_BROKERS', state: 'stopped', brokers: external, managed: false };
    }
  }

  private localBroker(env: InfraEnv): KafkaBroker {
    const fromEnv = kafkaBrokerOptionsFromEnv(env);
    return new KafkaBroker({
      ...stripUndefined(fromEnv),
      readyTimeoutMs: this.options.readyTimeoutMs,
      log: this.options.log,
      ...this.options.broker,
    });
  }
}

/** Splits a comma-separated `KAFKA_BROKERS` value; undefined when unset or blank. */
export function parseBrokers(value: string | undefined): string[] | undefined {
  const brokers = (value ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  return brokers.length > 0 ? brokers : undefined;
}

async function databaseStatus(url: string): Promise<InfraStatus['database']> {
  const database = new PostgresDatabase(url);
  try {
    await database.waitUntilReady(2_000);
    return { url: redactUrl(url), state: (await database.exists()) ? 'ready' : 'missing' };
  } catch (error) {
    return {
      url: redactUrl(url),
      state: 'unreachable',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
