import { Command, InvalidArgumentError } from 'commander';
import { MAX_LOCAL_CLUSTER_SIZE } from './broker-properties';
import { InfraEnv, InfraManager, InfraStatus, InfraUpResult, KafkaTopology } from './infra-manager';
import { redactUrl } from './postgres-database';
import { SettingToRaise, settingsToSet } from './postgres-write-settings';

/** Hooks the CLI entry point can plug into the infra commands. */
export interface InfraCommandOptions {
  /** Runs after `infra up` succeeded, e.g. database migrations. */
  afterUp?: (result: InfraUpResult) => Promise<void>;
  /** Environment to read; the CLI edge passes `process.env`. */
  env?: InfraEnv;
  manager?: InfraManager;
}

interface TopologyFlags {
  brokers?: number;
  basePort?: number;
}

interface UpFlags extends TopologyFlags {
  tunePostgres?: boolean;
}

/**
 * Builds `infra up|down|status`: start (or verify) Kafka and PostgreSQL for local development,
 * stop the local broker or cluster, and show what is running.
 */
export function buildInfraCommand(options: InfraCommandOptions = {}): Command {
  const env = options.env ?? process.env;
  const manager = options.manager ?? new InfraManager({ log: (line) => console.log(line) });
  const infra = new Command('infra').description('Start, stop and inspect local Kafka and PostgreSQL');

  infra
    .command('up')
    .description(
      'Ensure Kafka (KAFKA_BROKERS, the local broker, or with --brokers N a local N-broker cluster) and the DATABASE_URL database are ready',
    )
    .option(
      '--brokers <n>',
      `local KRaft brokers: 1 (the broker on CHRONICLE_KAFKA_PORT) or a cluster of up to ${MAX_LOCAL_CLUSTER_SIZE}`,
      parseBrokerCount,
    )
    .option(
      '--base-port <port>',
      'first port of the local cluster (default CHRONICLE_KAFKA_CLUSTER_PORT or 19092)',
      parsePortFlag,
    )
    .option(
      '--tune-postgres',
      "raise the server's settings below what the projector's write load needs, as docker-compose.yml runs it (max_wal_size 8GB, applied by a reload; shared_buffers 2GB, applied at the next restart): ALTER SYSTEM, server-wide; needs a superuser",
    )
    .action(async (flags: UpFlags) => {
      const result = await manager.up(env, topology(flags));
      console.log(`Kafka:      ${result.kafkaBrokers.join(',')} (${describeKafka(result)})`);
      console.log(`PostgreSQL: ${redactUrl(result.databaseUrl)}${result.createdDatabase ? ' (database created)' : ''}`);
      const tune = flags.tunePostgres === true;
      try {
        const low = await manager.postgresWriteSettings(env, { apply: tune });
        for (const line of describeWriteSettings(low, tune)) console.log(line);
      } catch (error) {
        // Tuning is advice on top of a server that works: its failure (no superuser) must not stop `up`.
        console.log(
          `            could not ${tune ? 'check or raise' : 'check'} its write-load settings: ${(error as Error).message}`,
        );
      }
      if (options.afterUp) await options.afterUp(result);
      if (result.cluster) {
        console.log('Ready. For the services:');
        console.log(`export KAFKA_BROKERS=${result.kafkaBrokers.join(',')} KAFKA_REPLICATION_FACTOR=${result.replicationFactor}`);
      } else {
        console.log(`Ready. Export KAFKA_BROKERS=${result.kafkaBrokers.join(',')} for the services.`);
      }
    });

  infra
    .command('down')
    .description(
      'Stop the local Kafka broker and cluster started by `infra up` (--brokers 1: only the broker, N: only the cluster; PostgreSQL is left running)',
    )
    .option('--brokers <n>', 'which to stop: 1 for the single broker, more for the cluster', parseBrokerCount)
    .action(async (flags: TopologyFlags) => {
      if (flags.brokers === undefined || flags.brokers === 1) {
        console.log(`Kafka: ${(await manager.down(env)).detail}`);
      }
      if (flags.brokers === undefined || flags.brokers > 1) {
        console.log(`Kafka cluster: ${(await manager.downCluster(env)).detail}`);
      }
    });

  infra
    .command('status')
    .description('Show whether Kafka (and the local cluster, if any) and the database answer')
    .option('--brokers <n>', 'which Kafka must be running for exit code 0: 1 (default) or the local cluster', parseBrokerCount)
    .option('--json', 'print machine-readable JSON')
    .action(async (flags: TopologyFlags & { json?: boolean }) => {
      const status = await manager.status(env, topology(flags));
      if (flags.json) console.log(JSON.stringify(status, null, 2));
      else printStatus(status);
      const kafkaUp = (flags.brokers ?? 1) > 1 ? status.cluster?.state === 'running' : status.kafka.state === 'running';
      if (!kafkaUp || status.database.state !== 'ready') process.exitCode = 1;
    });

  return infra;
}

function topology(flags: TopologyFlags): KafkaTopology {
  return { brokers: flags.brokers, basePort: flags.basePort };
}

/** What `up` says of the server's write-load settings: those it set, those it would set with the flag, those awaiting a restart. */
export function describeWriteSettings(low: readonly SettingToRaise[], applied: boolean): string[] {
  const indent = '            ';
  const changes = (settings: readonly SettingToRaise[]) =>
    settings.map(({ setting, current }) => `${setting.name} ${current} → ${setting.value}`).join(', ');
  const lines: string[] = [];
  if (applied) {
    const reloaded = low.filter((s) => s.setting.appliedBy === 'reload');
    const restart = low.filter((s) => s.setting.appliedBy === 'restart');
    if (reloaded.length > 0) lines.push(`${indent}raised ${changes(reloaded)} (ALTER SYSTEM, reloaded)`);
    if (restart.length > 0) lines.push(`${indent}set ${changes(restart)} (ALTER SYSTEM): restart PostgreSQL to apply it`);
    return lines;
  }
  const unset = settingsToSet(low);
  const pending = low.filter((s) => s.pendingRestart && !unset.includes(s));
  if (unset.length > 0) {
    const onRestart = unset.filter((s) => s.setting.appliedBy === 'restart').map((s) => s.setting.name);
    const restartNote = onRestart.length > 0 ? ` (${onRestart.join(', ')} at the next restart)` : '';
    lines.push(
      `${indent}below the projector's write load: ${changes(unset)} (README, Performance);`,
      `${indent}\`chronicle infra up --tune-postgres\` sets ${unset.length > 1 ? 'them' : 'it'}${restartNote}`,
    );
  }
  if (pending.length > 0) {
    const waiting = pending
      .map((s) => `${s.setting.name} ${s.current}${s.pendingValue ? ` → ${s.pendingValue.shown}` : ': a new value'}`)
      .join(', ');
    lines.push(`${indent}${waiting} is set and waits for a PostgreSQL restart`);
  }
  return lines;
}

function describeKafka(result: InfraUpResult): string {
  if (!result.cluster) return result.startedBroker ? 'started local broker' : 'already running';
  const { size, startedNodes, minInsyncReplicas } = result.cluster;
  const started =
    startedNodes.length === 0
      ? 'already running'
      : `started node${startedNodes.length > 1 ? 's' : ''} ${startedNodes.join(', ')}`;
  return `local ${size}-broker cluster, ${started}; replication factor ${result.replicationFactor}, min.insync.replicas ${minInsyncReplicas}`;
}

function printStatus({ kafka, cluster, database }: InfraStatus): void {
  const owner = kafka.source === 'KAFKA_BROKERS' ? 'from KAFKA_BROKERS' : kafka.managed ? `local, pid ${kafka.pid}` : 'local';
  const nodes = kafka.cluster ? `, ${kafka.cluster.brokers.length} broker(s), cluster ${kafka.cluster.clusterId}` : '';
  console.log(`Kafka:      ${kafka.state} at ${kafka.brokers.join(',')} (${owner}${nodes})`);
  if (kafka.logFile) console.log(`            log: ${kafka.logFile}`);
  if (cluster) {
    const id = cluster.cluster ? `, cluster ${cluster.cluster.clusterId}` : '';
    console.log(
      `Cluster:    ${cluster.state}${cluster.brokers.length ? ` at ${cluster.brokers.join(',')}` : ''} (${cluster.stateDir}${id})`,
    );
    for (const node of cluster.nodes) {
      const pid = node.pid !== undefined ? `pid ${node.pid}` : 'no process';
      const state = node.live ? 'live broker' : node.listening ? 'listening, not a live broker' : 'down';
      console.log(`            node ${node.nodeId} ${node.address}: ${state}, ${pid}; log: ${node.logFile}`);
    }
    if (cluster.state === 'degraded') {
      console.log(`            a node is down: \`chronicle infra up --brokers ${cluster.nodes.length}\` restarts it`);
    }
  }
  console.log(`PostgreSQL: ${database.state} ${database.url}`);
  if (database.detail) console.log(`            ${database.detail.replace(/\n/g, '\n            ')}`);
}

function parseBrokerCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_LOCAL_CLUSTER_SIZE) {
    throw new InvalidArgumentError(`a whole number from 1 to ${MAX_LOCAL_CLUSTER_SIZE}`);
  }
  return count;
}

function parsePortFlag(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new InvalidArgumentError('a TCP port number');
  return port;
}
