import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfraManager, InfraUpResult } from '../../apps/cli/src/infra/infra-manager';
import { KAFKA_PROCESS_MARKER } from '../../apps/cli/src/infra/kafka-broker';
import { KafkaCluster } from '../../apps/cli/src/infra/kafka-cluster';
import { isProcessAlive } from '../../apps/cli/src/infra/process-control';
import { freePort } from '../e2e/support/chronicle-cluster';
import { databaseUrl, waitFor } from './test-environment';

/** A private local Kafka cluster for one test file: its own state folder and free ports. */
export interface LocalKafkaCluster {
  brokers: string[];
  /** What `chronicle infra up --brokers N` reported when the cluster came up. */
  up: InfraUpResult;
  stateDir: string;
  /** Pid of a node's broker process, if it runs. */
  pid(nodeId: number): number | undefined;
  /** SIGKILLs a node (no shutdown, no flush) and waits until the process is gone; returns its pid. */
  kill(nodeId: number): Promise<number>;
  /** `infra up --brokers N` again: starts the nodes that are down and waits until the cluster is whole. */
  restart(): Promise<InfraUpResult>;
  /** `infra down` for the cluster, then deletes its state folder. */
  destroy(): Promise<void>;
}

/**
 * Starts an N-node KRaft cluster through the same code as `chronicle infra up --brokers N`, in a
 * temporary folder on free loopback ports, so the run's shared broker is never touched.
 */
export async function startLocalKafkaCluster(name: string, size = 3): Promise<LocalKafkaCluster> {
  const stateDir = mkdtempSync(join(tmpdir(), `chronicle-${name}-`));
  const ports = await distinctFreePorts(2 * size);
  const options = {
    stateDir,
    ports: Array.from({ length: size }, (_, i) => ({ port: ports[2 * i]!, controllerPort: ports[2 * i + 1]! })),
    maxHeap: '512m',
  };
  const log = (line: string): void => console.log(`[${name}] ${line}`);
  const manager = new InfraManager({ log, readyTimeoutMs: 120_000, cluster: options });
  const env = { DATABASE_URL: databaseUrl() };
  const cluster = new KafkaCluster(options);
  let up: InfraUpResult;
  try {
    up = await manager.up(env, { brokers: size });
  } catch (error) {
    await manager.downCluster(env).catch(() => undefined);
    rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }
  return {
    brokers: up.kafkaBrokers,
    up,
    stateDir,
    pid: (nodeId) => cluster.node(nodeId).runningPid(),
    kill: async (nodeId) => {
      const pid = cluster.node(nodeId).runningPid();
      if (pid === undefined) throw new Error(`Kafka node ${nodeId} is not running`);
      process.kill(pid, 'SIGKILL');
      await waitFor(() => !isProcessAlive(pid, KAFKA_PROCESS_MARKER), {
        timeoutMs: 10_000,
        description: `node ${nodeId} (pid ${pid}) to die`,
      });
      return pid;
    },
    restart: () => manager.up(env, { brokers: size }),
    destroy: async () => {
      log(`infra down: ${(await manager.downCluster(env)).detail}`);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
