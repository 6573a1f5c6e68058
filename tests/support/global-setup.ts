import type { TestProject } from 'vitest/node';
import { InfraEnv, InfraManager } from '../../apps/cli/src/infra/infra-manager';
import { ContainerInfra, isContainerRuntimeAvailable, startContainerInfra } from './container-infra';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Bootstrap servers of the Kafka cluster the run uses. */
    kafkaBrokers: string[];
    /** URL of the run's base database; tests create their own databases on the same server. */
    databaseUrl: string;
  }
}

/**
 * Tests get their own database on the local server by default, so a run never touches the
 * developer's `chronicle` database.
 */
const LOCAL_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/chronicle_test';

/**
 * Starts Kafka and PostgreSQL once per test run and provides their addresses to the tests.
 * Order of preference: `KAFKA_BROKERS` / `DATABASE_URL` when set; containers when a Docker engine
 * answers (force either way with `CHRONICLE_TEST_INFRA=docker|local`); otherwise the local broker
 * and local PostgreSQL that `chronicle infra up` uses. Whatever this setup started, its teardown
 * stops; a broker that was already running is left running.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string): void => console.log(`[infra] ${line}`);
  const env: InfraEnv = { ...process.env };
  let containers: ContainerInfra | undefined;

  const needsKafka = !env.KAFKA_BROKERS;
  const needsPostgres = !env.DATABASE_URL;
  if ((needsKafka || needsPostgres) && (await useContainers(process.env))) {
    log('Starting test containers...');
    containers = await startContainerInfra({ kafka: needsKafka, postgres: needsPostgres });
    env.KAFKA_BROKERS ??= containers.kafkaBrokers?.join(',');
    env.DATABASE_URL ??= containers.databaseUrl;
  }
  env.DATABASE_URL ||= LOCAL_TEST_DATABASE_URL;

  const manager = new InfraManager({ log });
  let result;
  try {
    result = await manager.up(env);
  } catch (error) {
    await containers?.stop();
    throw error;
  }
  log(
    `Kafka ${result.kafkaBrokers.join(',')}${result.startedBroker ? ' (started for this run)' : ''}; database ready.`,
  );
  project.provide('kafkaBrokers', result.kafkaBrokers);
  project.provide('databaseUrl', result.databaseUrl);

  const startedBroker = result.startedBroker;
  return async () => {
    if (startedBroker) log(`Stopping local Kafka broker: ${(await manager.down(env)).detail}`);
    await containers?.stop();
  };
}

async function useContainers(env: NodeJS.ProcessEnv): Promise<boolean> {
  const forced = env.CHRONICLE_TEST_INFRA;
  if (forced === 'local') return false;
  if (forced === 'docker') return true;
  if (forced) throw new Error(`CHRONICLE_TEST_INFRA must be "docker" or "local", got "${forced}"`);
  return isContainerRuntimeAvailable(env);
}
