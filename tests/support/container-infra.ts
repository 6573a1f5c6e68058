import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Images used when a container engine is available. cp-kafka 7.9 ships Kafka 3.9, like the local broker. */
const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0';
const POSTGRES_IMAGE = 'postgres:16';
/** The plaintext listener @testcontainers/kafka exposes to the host. */
const KAFKA_HOST_PORT = 9093;

/** Infrastructure started in containers; only the requested pieces are set. */
export interface ContainerInfra {
  kafkaBrokers?: string[];
  databaseUrl?: string;
  stop(): Promise<void>;
}

/**
 * True when a Docker-compatible engine answers within `timeoutMs`. Without any socket, host or
 * config hint it answers false at once, so machines without Docker never wait (or load
 * testcontainers at all).
 */
export async function isContainerRuntimeAvailable(env: NodeJS.ProcessEnv, timeoutMs = 5_000): Promise<boolean> {
  const hints = [
    env.DOCKER_HOST,
    env.TESTCONTAINERS_HOST_OVERRIDE,
    existsSync('/var/run/docker.sock') ? 'socket' : undefined,
    existsSync(join(homedir(), '.docker', 'run', 'docker.sock')) ? 'socket' : undefined,
    env.XDG_RUNTIME_DIR && existsSync(join(env.XDG_RUNTIME_DIR, 'docker.sock')) ? 'socket' : undefined,
    existsSync(join(homedir(), '.testcontainers.properties')) ? 'config' : undefined,
  ];
  if (!hints.some(Boolean)) return false;
  const { getContainerRuntimeClient } = await import('testcontainers');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([getContainerRuntimeClient().then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts a KRaft Kafka container and/or a PostgreSQL container in parallel. If one fails, the
 * other is stopped before the error is rethrown so no container outlives a failed setup.
 */
export async function startContainerInfra(needs: { kafka: boolean; postgres: boolean }): Promise<ContainerInfra> {
  const [kafka, postgres] = await Promise.allSettled([
    needs.kafka ? startKafka() : Promise.resolve(undefined),
    needs.postgres ? startPostgres() : Promise.resolve(undefined),
  ]);
  const started = [kafka, postgres].flatMap((result) =>
    result.status === 'fulfilled' && result.value ? [result.value] : [],
  );
  const stop = async (): Promise<void> => {
    await Promise.allSettled(started.map((container) => container.stop()));
  };
  const failure = [kafka, postgres].find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await stop();
    throw failure.reason;
  }
  const value = <T>(result: PromiseSettledResult<T>): T | undefined =>
    result.status === 'fulfilled' ? result.value : undefined;
  return { kafkaBrokers: value(kafka)?.brokers, databaseUrl: value(postgres)?.url, stop };
}

async function startKafka(): Promise<{ brokers: string[]; stop: () => Promise<unknown> }> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer(KAFKA_IMAGE)
    .withKraft()
    // Same contract as the local broker: topics are created explicitly, groups start at once.
    .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false', KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0' })
    .start();
  return {
    brokers: [`${container.getHost()}:${container.getMappedPort(KAFKA_HOST_PORT)}`],
    stop: () => container.stop(),
  };
}

async function startPostgres(): Promise<{ url: string; stop: () => Promise<unknown> }> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(POSTGRES_IMAGE)
    .withDatabase('chronicle_test')
    .withUsername('chronicle')
    .withPassword('chronicle')
    .start();
  return { url: container.getConnectionUri(), stop: () => container.stop() };
}
