import { loadConfig, SERVICE_NODE_FLAGS } from '@chronicle/config';
import { createKafka, deletePrefixedTopics } from '@chronicle/kafka';
import { ApiKeyStore, issueApiKey, runMigrations } from '@chronicle/persistence';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'undici';
import { PostgresDatabase } from '../../apps/cli/src/infra/postgres-database';
import { benchInfra, noteBrokerLeftRunning } from './bench-infra';
import { ConsumerLagProbe } from './consumer-lag';
import { freePort } from '@chronicle/test-support';
import { until } from './timing';

const ROOT = resolve(__dirname, '../../..');

export const PIPELINE_SERVICES = ['ingest', 'enrich', 'project', 'alert', 'api'] as const;
export type PipelineService = (typeof PIPELINE_SERVICES)[number];
const PORT_VARIABLE: Record<PipelineService, string> = {
  ingest: 'INGEST_PORT',
  enrich: 'ENRICH_PORT',
  project: 'PROJECT_PORT',
  alert: 'ALERT_PORT',
  api: 'API_PORT',
};

export interface PipelineStackOptions {
  /** Names the run's topics, database and log folder. */
  name: string;
  /** Processes per service (default 1 each). */
  replicas?: Partial<Record<PipelineService, number>>;
  /** Partitions per topic (KAFKA_PARTITIONS). */
  partitions?: number;
  /** Extra Node flags for every service process, e.g. `--cpu-prof`. */
  nodeFlags?: (service: PipelineService, replica: number) => string[];
  env?: Record<string, string>;
}

export interface RunningService {
  service: PipelineService;
  replica: number;
  url: string;
  process: ChildProcess;
}

/**
 * The whole pipeline as production runs it, for a bench: each service a separate Node process
 * (several for replicas, one consumer group each) on the cluster in `KAFKA_BROKERS` (else the
 * local broker, started if needed), a fresh database with every migration, topics under a
 * run-unique prefix, auth on, rate limits out of the way. {@link PipelineStack.stop} removes
 * the database and the topics.
 */
export class PipelineStack {
  readonly services: RunningService[] = [];

  private constructor(
    readonly runTag: string,
    readonly logDir: string,
    readonly databaseUrl: string,
    readonly authorization: string,
    private readonly kafkaEnv: Record<string, string>,
    private readonly cleanup: () => Promise<void>,
  ) {}

  /** Reads the consumer groups' lag from the broker (close it when done). */
  lagProbe(): ConsumerLagProbe {
    const { kafka } = loadConfig({ CHRONICLE_ENV: 'test', ...this.kafkaEnv });
    return new ConsumerLagProbe(createKafka(kafka, 'bench-lag-probe'), kafka.topicPrefix, kafka.groupPrefix);
  }

  static async start(options: PipelineStackOptions): Promise<PipelineStack> {
    const infra = await benchInfra();
    const brokers = infra.kafkaBrokers.join(',');
    const runTag = randomBytes(3).toString('hex');
    const topicPrefix = `bench-${options.name}-${runTag}-`;
    const server = new PostgresDatabase(infra.databaseUrl);
    const databaseUrl = await server.createDatabase(`t_bench_${options.name}_${runTag}`);
    const logDir = join(tmpdir(), 'chronicle-bench', `${options.name}-${runTag}`);
    mkdirSync(logDir, { recursive: true });
    const cleanup = async (): Promise<void> => {
      // BENCH_KEEP_DATABASE=1 leaves the run's database behind, to look into its tables and plans.
      if (process.env.BENCH_KEEP_DATABASE === '1') console.error(`[bench] database kept: ${databaseUrl}`);
      else await server.dropDatabase(new PostgresDatabase(databaseUrl).name).catch(() => undefined);
      const kafka = loadConfig({ CHRONICLE_ENV: 'test', KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: topicPrefix }).kafka;
      await deletePrefixedTopics(createKafka(kafka, `bench-${options.name}`), kafka).catch(() => undefined);
      noteBrokerLeftRunning(infra);
    };
    await runMigrations(databaseUrl);
    const keyStore = ApiKeyStore.connect(databaseUrl, 1);
    const { key } = await issueApiKey(keyStore, {
      name: `${options.name} bench`,
      scopes: ['ingest', 'subscriptions', 'read', 'metrics'],
    }).finally(() => keyStore.close());
    const kafkaEnv = { KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: topicPrefix };
    const stack = new PipelineStack(runTag, logDir, databaseUrl, `Bearer ${key}`, kafkaEnv, cleanup);
    const env: Record<string, string> = {
      CHRONICLE_ENV: 'test',
      KAFKA_BROKERS: brokers,
      DATABASE_URL: databaseUrl,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: 'warn',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      CHRONICLE_AUTH: 'on',
      RATE_LIMIT_INGEST_PER_MINUTE: '10000000',
      RATE_LIMIT_READ_PER_MINUTE: '10000000',
      ...(options.partitions ? { KAFKA_PARTITIONS: String(options.partitions) } : {}),
      ...options.env,
    };
    try {
      for (const service of PIPELINE_SERVICES) {
        for (let replica = 0; replica < (options.replicas?.[service] ?? 1); replica += 1) {
          await stack.spawnService(service, replica, env, options.nodeFlags?.(service, replica) ?? []);
        }
      }
      for (const running of stack.services) {
        await until(
          async () => (await fetch(`${running.url}/health`)).ok,
          90_000,
          `${running.service}#${running.replica} health (logs in ${logDir})`,
        );
      }
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  /** Subscribes `webhookUrl` to `actor`'s new statements. */
  async subscribe(actor: string, webhookUrl: string): Promise<void> {
    const response = await fetch(`${this.url('api')}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: this.authorization },
      body: JSON.stringify({ actors: [actor], webhookUrl }),
    });
    if (response.status !== 201) throw new Error(`subscription: HTTP ${response.status} ${await response.text()}`);
  }

  /** Submits one article to ingest; throws unless it is accepted (202). */
  async submit(article: object): Promise<void> {
    // undici's request, not fetch: the bench's own CPU per article is taken from the cores the services share.
    const response = await request(`${this.url('ingest')}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: this.authorization },
      body: JSON.stringify(article),
    });
    await response.body.arrayBuffer();
    if (response.statusCode !== 202) throw new Error(`ingest: HTTP ${response.statusCode}`);
  }

  /** The first replica's base URL of `service`. */
  url(service: PipelineService): string {
    return this.services.find((running) => running.service === service)!.url;
  }

  private async spawnService(
    service: PipelineService,
    replica: number,
    env: Record<string, string>,
    flags: string[],
  ): Promise<void> {
    const port = await freePort();
    const log = createWriteStream(join(this.logDir, `${service}-${replica}.log`));
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...flags, join(ROOT, 'dist/apps', service, 'src/main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...env, [PORT_VARIABLE[service]]: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.services.push({ service, replica, url: `http://127.0.0.1:${port}`, process: child });
  }

  /** Stops every service (SIGTERM, so `--cpu-prof` profiles are written), then removes the run's database and topics. */
  async stop(): Promise<void> {
    const children = this.services.map((running) => running.process);
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode !== null ? undefined : new Promise((r) => child.once('exit', r)))));
    await this.cleanup();
  }
}
