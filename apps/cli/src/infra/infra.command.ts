import { Command } from 'commander';
import { InfraEnv, InfraManager, InfraStatus, InfraUpResult } from './infra-manager';
import { redactUrl } from './postgres-database';

/** Hooks the CLI entry point can plug into the infra commands. */
export interface InfraCommandOptions {
  /** Runs after `infra up` succeeded, e.g. database migrations. */
  afterUp?: (result: InfraUpResult) => Promise<void>;
  /** Environment to read; the CLI edge passes `process.env`. */
  env?: InfraEnv;
  manager?: InfraManager;
}

/**
 * Builds `infra up|down|status`: start (or verify) Kafka and PostgreSQL for local development,
 * stop the local broker, and show what is running.
 */
export function buildInfraCommand(options: InfraCommandOptions = {}): Command {
  const env = options.env ?? process.env;
  const manager = options.manager ?? new InfraManager({ log: (line) => console.log(line) });
  const infra = new Command('infra').description('Start, stop and inspect local Kafka and PostgreSQL');

  infra
    .command('up')
    .description('Ensure Kafka (KAFKA_BROKERS or a local broker) and the DATABASE_URL database are ready')
    .action(async () => {
      const result = await manager.up(env);
      console.log(
        `Kafka:      ${result.kafkaBrokers.join(',')}${result.startedBroker ? ' (started local broker)' : ' (already running)'}`,
      );
      console.log(`PostgreSQL: ${redactUrl(result.databaseUrl)}${result.createdDatabase ? ' (database created)' : ''}`);
      if (options.afterUp) await options.afterUp(result);
      console.log(`Ready. Export KAFKA_BROKERS=${result.kafkaBrokers.join(',')} for the services.`);
    });

  infra
    .command('down')
    .description('Stop the local Kafka broker started by `infra up` (PostgreSQL is left running)')
    .action(async () => {
      const result = await manager.down(env);
      console.log(`Kafka: ${result.detail}`);
    });

  infra
    .command('status')
    .description('Show whether Kafka and the database answer')
    .option('--json', 'print machine-readable JSON')
    .action(async (flags: { json?: boolean }) => {
      const status = await manager.status(env);
      if (flags.json) console.log(JSON.stringify(status, null, 2));
      else printStatus(status);
      if (status.kafka.state !== 'running' || status.database.state !== 'ready') process.exitCode = 1;
    });

  return infra;
}

function printStatus({ kafka, database }: InfraStatus): void {
  const owner =
    kafka.source === 'KAFKA_BROKERS' ? 'from KAFKA_BROKERS' : kafka.managed ? `local, pid ${kafka.pid}` : 'local';
  const nodes = kafka.cluster ? `, ${kafka.cluster.brokers.length} broker(s), cluster ${kafka.cluster.clusterId}` : '';
  console.log(`Kafka:      ${kafka.state} at ${kafka.brokers.join(',')} (${owner}${nodes})`);
  if (kafka.logFile) console.log(`            log: ${kafka.logFile}`);
  console.log(`PostgreSQL: ${database.state} ${database.url}`);
  if (database.detail) console.log(`            ${database.detail.replace(/\n/g, '\n            ')}`);
}
