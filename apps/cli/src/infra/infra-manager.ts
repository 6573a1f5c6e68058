import { KafkaClusterInfo, probeKafka, waitForKafka } from '@chronicle/kafka';
import { KafkaBroker, KafkaBrokerOptions, KafkaBrokerStopResult, kafkaBrokerOptionsFromEnv } from './kafka-broker';
import {
  KafkaCluster,
  KafkaClusterOptions,
  KafkaClusterStatus,
  KafkaClusterStopResult,
  kafkaClusterOptionsFromEnv,
} from './kafka-cluster';
import { DEFAULT_DATABASE_URL, PostgresDatabase, redactUrl } from './postgres-database';
import { SettingToRaise } from './postgres-write-settings';

/** The environment variables infra reads; pass `process.env` from the edge. */
export type InfraEnv = Partial<
  Record<
    | 'KAFKA_BROKERS'
    | 'DATABASE_URL'
    | 'CHRONICLE_KAFKA_PORT'
    | 'CHRONICLE_KAFKA_CONTROLLER_PORT'
    | 'CHRONICLE_KAFKA_CLUSTER_PORT'
    | 'JAVA_HOME',
    string
  >
>;

/** Where the running infrastructure is, as returned by {@link InfraManager.up}. */
export interface InfraUpResult {
  kafkaBrokers: string[];
  databaseUrl: string;
  /** True when `up` spawned the local broker (or a node of the local cluster), so the caller owns stopping it. */
  startedBroker: boolean;
  createdDatabase: boolean;
  /** `KAFKA_REPLICATION_FACTOR` for the services: known for the local broker and cluster, not for `KAFKA_BROKERS`. */
  replicationFactor?: number;
  /** Set when `up` brought up the local cluster (`brokers` > 1). */
  cluster?: { size: number; startedNodes: number[]; minInsyncReplicas: number; clusterId: string };
}

/** Which Kafka `up`, `status` and `down` deal with. */
export interface KafkaTopology {
  /** 1 (default): `KAFKA_BROKERS` or the single local broker; more: the local cluster of that many brokers. */
  brokers?: number;
  /** First port of the local cluster (`--base-port`, else `CHRONICLE_KAFKA_CLUSTER_PORT`, else the recorded layout or 19092). */
  basePort?: number;
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
  /** The local cluster, when one was ever set up here or `brokers` > 1 was asked for. */
  cluster?: KafkaClusterStatus;
  database: { url: string; state: 'ready' | 'missing' | 'unreachable'; detail?: string };
}

/** Options shared by every {@link InfraManager} operation. */
export interface InfraManagerOptions {
  /** Overrides for the local broker (tests use these to pick ports or the project root). */
  broker?: KafkaBrokerOptions;
  /** Overrides for the local cluster (tests use these for a temporary state folder and free ports). */
  cluster?: KafkaClusterOptions;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * Brings up what Chronicle needs to run: a Kafka cluster (the one in `KAFKA_BROKERS`, a local
 * broker started on demand, or a local cluster of several) and the PostgreSQL database in
 * `DATABASE_URL` (created if missing).
 * `chronicle infra up` and the vitest global setup both go through here, so tests run against
 * infrastructure prepared exactly as developers get it.
 */
export class InfraManager {
  constructor(private readonly options: InfraManagerOptions = {}) {}

  /**
   * Ensures Kafka answers and the database exists. With `brokers` > 1 that is the local cluster,
   * started (or completed, when a node died) whatever `KAFKA_BROKERS` says.
   * @throws Error explaining which piece is not ready and how to fix it.
   */
  async up(env: InfraEnv, topology: KafkaTopology = {}): Promise<InfraUpResult> {
    const readyTimeoutMs = this.options.readyTimeoutMs ?? 60_000;
    let kafkaBrokers = parseBrokers(env.KAFKA_BROKERS);
    let startedBroker = false;
    let replicationFactor: number | undefined;
    let cluster: InfraUpResult['cluster'];
    if ((topology.brokers ?? 1) > 1) {
      if (kafkaBrokers) this.options.log?.(`KAFKA_BROKERS is set; --brokers ${topology.brokers} uses the local cluster instead.`);
      const result = await this.localCluster(env, topology).ensureStarted();
      kafkaBrokers = result.brokers;
      startedBroker = result.started.length > 0;
      replicationFactor = result.replicationFactor;
      cluster = {
        size: result.brokers.length,
        startedNodes: result.started,
        minInsyncReplicas: result.minInsyncReplicas,
        clusterId: result.clusterId,
      };
    } else if (kafkaBrokers) {
      await waitForKafka(kafkaBrokers, { timeoutMs: readyTimeoutMs });
    } else {
      const result = await this.localBroker(env).ensureStarted();
      kafkaBrokers = result.brokers;
      startedBroker = result.started;
      replicationFactor = 1;
    }

    const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
    const database = new PostgresDatabase(databaseUrl);
    await database.waitUntilReady(Math.min(readyTimeoutMs, 30_000));
    const createdDatabase = await database.ensureExists();
    return { kafkaBrokers, databaseUrl, startedBroker, createdDatabase, replicationFactor, cluster };
  }

  /**
   * The DATABASE_URL server's write-load settings below Chronicle's minimum; with `apply`, set first (server-wide:
   * `ALTER SYSTEM` and a reload; a setting applied by a restart waits for one). Returns those below the minimum, with
   * the values the server runs with and whether a new value already waits for a restart.
   */
  async postgresWriteSettings(env: InfraEnv, options: { apply: boolean }): Promise<SettingToRaise[]> {
    const database = new PostgresDatabase(env.DATABASE_URL || DEFAULT_DATABASE_URL);
    const low = await database.writeSettingsToRaise();
    if (options.apply) await database.raiseWriteSettings(low);
    return low;
  }

  /** Stops the local broker if this project started it; the cluster, external clusters and Postgres are left alone. */
  async down(env: InfraEnv): Promise<KafkaBrokerStopResult> {
    return this.localBroker(env).stop();
  }

  /** Stops every node of the local cluster that has a pid file; its data is kept for the next `up`. */
  async downCluster(env: InfraEnv): Promise<KafkaClusterStopResult> {
    return this.localCluster(env).stop();
  }

  /**
   * Probes Kafka and the database without starting or creating anything. The local cluster is
   * reported when one was set up here, or when `brokers` > 1 asks for it.
   */
  async status(env: InfraEnv, topology: KafkaTopology = {}): Promise<InfraStatus> {
    const wantsCluster = (topology.brokers ?? 1) > 1;
    const localCluster = this.localCluster(env, topology);
    const [kafka, database, cluster] = await Promise.all([
      this.kafkaStatus(env),
      databaseStatus(env.DATABASE_URL || DEFAULT_DATABASE_URL),
      wantsCluster || localCluster.readLayout() ? localCluster.status() : Promise.resolve(undefined),
    ]);
    return { kafka, database, ...(cluster ? { cluster } : {}) };
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

  private localCluster(env: InfraEnv, topology: KafkaTopology = {}): KafkaCluster {
    const fromEnv = kafkaClusterOptionsFromEnv(env);
    return new KafkaCluster({
      ...stripUndefined(fromEnv),
      ...stripUndefined({ size: topology.brokers, basePort: topology.basePort }),
      readyTimeoutMs: this.options.readyTimeoutMs,
      log: this.options.log,
      ...this.options.cluster,
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
