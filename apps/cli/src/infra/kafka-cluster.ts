import { KafkaClusterInfo, probeKafka } from '@chronicle/kafka';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertClusterSize, ClusterNodePorts, clusterNodePorts, QuorumVoter, replicationDefaults } from './broker-properties';
import {
  KAFKA_PROCESS_MARKER,
  KafkaBroker,
  KafkaBrokerStopResult,
  LaunchedKafkaBroker,
  parsePort,
  randomClusterId,
} from './kafka-broker';
import { isPortOpen } from './port-probe';
import { sleep, terminateProcess } from './process-control';
import { findProjectRoot } from './project-root';
import { acquireStartupLock } from './startup-lock';

/** First client port of the local cluster: far from the single broker's 9092/9093, so both can run. */
export const DEFAULT_CLUSTER_BASE_PORT = 19092;

/** Brokers in a local cluster unless told otherwise: the fewest that survive one failure with `min.insync.replicas=2`. */
export const DEFAULT_CLUSTER_SIZE = 3;

/** How to run the local cluster; every field has a default. */
export interface KafkaClusterOptions {
  projectRoot?: string;
  /** Where the cluster keeps its layout and one folder per node; `<project>/.chronicle/kafka-cluster` by default. */
  stateDir?: string;
  /** Number of nodes (each broker and controller); the recorded layout's, else 3. */
  size?: number;
  host?: string;
  /** Ports are laid out from here (see {@link clusterNodePorts}); the recorded layout's, else 19092. */
  basePort?: number;
  /** Explicit client and controller port per node, in node order (tests pick free ones); overrides `basePort`. */
  ports?: Array<{ port: number; controllerPort: number }>;
  javaCommand?: string;
  mavenCommand?: string;
  /** JVM maximum heap per node, e.g. `512m`. */
  maxHeap?: string;
  readyTimeoutMs?: number;
  stopGraceMs?: number;
  log?: (line: string) => void;
}

/** What a cluster was formatted with, kept in `<stateDir>/cluster.json` so `down` and `status` find it. */
export interface KafkaClusterLayout {
  clusterId: string;
  host: string;
  nodes: ClusterNodePorts[];
}

/** Outcome of {@link KafkaCluster.ensureStarted}. */
export interface KafkaClusterStartResult {
  brokers: string[];
  /** Nodes this call spawned (empty when all were already running). */
  started: number[];
  replicationFactor: number;
  minInsyncReplicas: number;
  clusterId: string;
}

/** One node in {@link KafkaClusterStatus}. */
export interface KafkaClusterNodeStatus {
  nodeId: number;
  address: string;
  /** Pid from the node's pid file when that process is alive. */
  pid?: number;
  /** True when something accepts connections on the node's client port. */
  listening: boolean;
  /** True when the cluster lists the node as a live broker (registered with the controller, not fenced). */
  live: boolean;
  logFile: string;
}

/** Snapshot reported by {@link KafkaCluster.status}. */
export interface KafkaClusterStatus {
  /** `degraded`: the cluster answers but not every node is a live broker (one died, or is restarting). */
  state: 'running' | 'degraded' | 'stopped';
  stateDir: string;
  brokers: string[];
  nodes: KafkaClusterNodeStatus[];
  replicationFactor?: number;
  cluster?: KafkaClusterInfo;
}

/** Outcome of {@link KafkaCluster.stop}. */
export interface KafkaClusterStopResult {
  stopped: boolean;
  nodes: Array<{ nodeId: number } & KafkaBrokerStopResult>;
  detail: string;
}

/**
 * A local KRaft cluster of N nodes, each a combined broker and controller started by
 * {@link KafkaBroker} from the same Maven-resolved jars as the single broker, on loopback ports of
 * its own, with its own data folder and pid file, one shared cluster id formatted into every store
 * and a controller quorum of all nodes. Topics default to three replicas with two in sync
 * (see `replicationDefaults`), so one broker can die without losing an acknowledged write.
 */
export class KafkaCluster {
  readonly stateDir: string;
  private readonly projectRoot: string;
  private readonly layoutFile: string;
  private readonly log: (line: string) => void;

  constructor(private readonly options: KafkaClusterOptions = {}) {
    this.projectRoot = options.projectRoot ?? findProjectRoot();
    this.stateDir = options.stateDir ?? join(this.projectRoot, '.chronicle', 'kafka-cluster');
    this.layoutFile = join(this.stateDir, 'cluster.json');
    this.log = options.log ?? (() => undefined);
  }

  /** The layout recorded by the first `ensureStarted`, if any. */
  readLayout(): KafkaClusterLayout | undefined {
    if (!existsSync(this.layoutFile)) return undefined;
    return JSON.parse(readFileSync(this.layoutFile, 'utf8')) as KafkaClusterLayout;
  }

  /** The recorded node `nodeId` (to read its pid, or restart it with another `ensureStarted`). */
  node(nodeId: number): KafkaBroker {
    const layout = this.readLayout();
    const node = layout?.nodes.find((candidate) => candidate.nodeId === nodeId);
    if (!layout || !node) throw new Error(`No node ${nodeId} in the local cluster at ${this.stateDir}`);
    return this.broker(layout, node);
  }

  /**
   * Makes sure every node runs and the cluster is whole: formats new nodes' storage with the
   * shared cluster id, spawns the nodes that are not running (all of them the first time, only a
   * dead one after a crash) and waits until every node answers and sees all the others.
   * @throws Error with the log tails of the nodes that did not come up; nodes spawned by this call are stopped.
   */
  async ensureStarted(): Promise<KafkaClusterStartResult> {
    const readyTimeoutMs = this.options.readyTimeoutMs ?? 90_000;
    mkdirSync(this.stateDir, { recursive: true });
    const release = await acquireStartupLock(join(this.stateDir, 'start.lock'), readyTimeoutMs + 15 * 60_000);
    try {
      const { layout, isNew } = this.prepareLayout();
      const nodes = layout.nodes.map((node) => this.broker(layout, node));
      const down = nodes.filter((node) => node.runningPid() === undefined);
      for (const node of down) {
        await node.assertPortsFree('stop what uses it, or lay the cluster out elsewhere with --base-port');
      }
      // Recorded once the ports are known to be free, so a refused layout is not remembered.
      if (isNew) writeFileSync(this.layoutFile, `${JSON.stringify(layout, null, 2)}\n`);
      const launched: Array<{ node: KafkaBroker } & LaunchedKafkaBroker> = [];
      const startedAt = Date.now();
      try {
        for (const node of down) launched.push({ node, ...(await node.launch()) });
        await this.waitUntilWhole(layout, nodes, readyTimeoutMs, () => launched.map((entry) => entry.exitReason()).find(Boolean));
      } catch (error) {
        await Promise.all(
          launched.map(async ({ node, pid }) => {
            if (pid !== undefined) await terminateProcess(pid, 5_000, KAFKA_PROCESS_MARKER);
            await node.stop();
          }),
        );
        throw error;
      }
      const brokers = nodes.flatMap((node) => node.brokers);
      if (launched.length > 0) {
        this.log(
          `Kafka cluster ready on ${brokers.join(',')} (nodes ${launched.map((entry) => entry.node.nodeId).join(', ')} started, ${((Date.now() - startedAt) / 1000).toFixed(1)} s).`,
        );
      }
      return {
        brokers,
        started: launched.map((entry) => entry.node.nodeId),
        clusterId: layout.clusterId,
        ...replicationDefaults(layout.nodes.length),
      };
    } finally {
      release();
    }
  }

  /** Stops every node that has a pid file (SIGTERM to all at once, SIGKILL after the grace period); data is kept. */
  async stop(): Promise<KafkaClusterStopResult> {
    const layout = this.readLayout();
    if (!layout) return { stopped: false, nodes: [], detail: `no local cluster in ${this.stateDir}; nothing to stop` };
    const nodes = await Promise.all(
      layout.nodes.map(async (node) => ({ nodeId: node.nodeId, ...(await this.broker(layout, node).stop()) })),
    );
    const stopped = nodes.filter((node) => node.stopped);
    const detail = stopped.length
      ? `stopped ${stopped.length} of ${nodes.length} nodes (${nodes.map((node) => `node ${node.nodeId}: ${node.detail}`).join('; ')})`
      : `no node of the cluster in ${this.stateDir} was running`;
    return { stopped: stopped.length > 0, nodes, detail };
  }

  /** Asks the recorded nodes which brokers are live; starts nothing. */
  async status(): Promise<KafkaClusterStatus> {
    const layout = this.readLayout();
    if (!layout) return { state: 'stopped', stateDir: this.stateDir, brokers: [], nodes: [] };
    const nodes = layout.nodes.map((node) => this.broker(layout, node));
    const listening = await Promise.all(nodes.map((node) => isPortOpen(node.host, node.port)));
    const cluster = await describeFromAny(nodes.filter((_, i) => listening[i]));
    const live = new Set(cluster?.brokers.map((broker) => broker.nodeId));
    return {
      // A killed node stays listed as live until the controller fences it (broker.session.timeout.ms).
      state: !cluster ? 'stopped' : seesAll(cluster, layout) && listening.every(Boolean) ? 'running' : 'degraded',
      stateDir: this.stateDir,
      brokers: nodes.flatMap((node) => node.brokers),
      nodes: nodes.map((node, i) => ({
        nodeId: node.nodeId,
        address: node.brokers[0]!,
        pid: node.runningPid(),
        listening: listening[i]!,
        live: listening[i]! && live.has(node.nodeId),
        logFile: node.serverLogFile,
      })),
      replicationFactor: replicationDefaults(layout.nodes.length).replicationFactor,
      cluster,
    };
  }

  /**
   * The layout to start: the recorded one, unless this is the first start (`isNew`: to be recorded).
   * A quorum's size and addresses are formatted into its stores, so asking for another layout than
   * the recorded one is refused while any node has data.
   */
  private prepareLayout(): { layout: KafkaClusterLayout; isNew: boolean } {
    const recorded = this.readLayout();
    const size = this.options.size ?? this.options.ports?.length ?? recorded?.nodes.length ?? DEFAULT_CLUSTER_SIZE;
    const host = this.options.host ?? recorded?.host ?? '127.0.0.1';
    const keepsRecordedPorts = recorded && this.options.basePort === undefined && recorded.nodes.length === size;
    const nodes = this.options.ports
      ? this.options.ports.map((ports, i) => ({ nodeId: i + 1, ...ports }))
      : keepsRecordedPorts
        ? recorded.nodes
        : clusterNodePorts(size, this.options.basePort ?? recorded?.nodes[0]?.port ?? DEFAULT_CLUSTER_BASE_PORT);
    assertClusterSize(size);
    if (nodes.length !== size) throw new Error(`Asked for ${size} brokers but gave ports for ${nodes.length}`);

    const formatted = recorded ? recorded.nodes.filter((node) => this.isFormatted(node.nodeId)) : [];
    if (recorded && formatted.length > 0) {
      if (host !== recorded.host || !sameNodes(nodes, recorded.nodes)) {
        throw new Error(
          `The local Kafka cluster in ${this.stateDir} was set up as ${describeLayout(recorded)}; ` +
            `asked for ${describeLayout({ ...recorded, host, nodes })}. Use the same settings, or stop it ` +
            `(chronicle infra down --brokers ${recorded.nodes.length}) and delete ${this.stateDir} to start over.`,
        );
      }
      return { layout: recorded, isNew: false };
    }
    return { layout: { clusterId: recorded?.clusterId ?? randomClusterId(), host, nodes }, isNew: true };
  }

  private isFormatted(nodeId: number): boolean {
    return existsSync(join(this.nodeDir(nodeId), 'data', 'meta.properties'));
  }

  private nodeDir(nodeId: number): string {
    return join(this.stateDir, `node-${nodeId}`);
  }

  private broker(layout: KafkaClusterLayout, node: ClusterNodePorts): KafkaBroker {
    const voters: QuorumVoter[] = layout.nodes.map(({ nodeId, controllerPort }) => ({
      nodeId,
      host: layout.host,
      controllerPort,
    }));
    return new KafkaBroker({
      projectRoot: this.projectRoot,
      homeDir: this.nodeDir(node.nodeId),
      host: layout.host,
      port: node.port,
      controllerPort: node.controllerPort,
      nodeId: node.nodeId,
      voters,
      clusterId: layout.clusterId,
      javaCommand: this.options.javaCommand,
      mavenCommand: this.options.mavenCommand,
      maxHeap: this.options.maxHeap,
      stopGraceMs: this.options.stopGraceMs,
      log: this.log,
    });
  }

  /** Polls until every node answers on its own address and lists all nodes as live brokers. */
  private async waitUntilWhole(
    layout: KafkaClusterLayout,
    nodes: KafkaBroker[],
    timeoutMs: number,
    abortReason: () => string | undefined,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const probes = await Promise.all(nodes.map((node) => probeKafka(node.brokers, 2_000).catch((error: Error) => error)));
      const waiting = nodes.filter((_, i) => {
        const probe = probes[i];
        return probe instanceof Error || !seesAll(probe!, layout);
      });
      if (waiting.length === 0) return;
      const aborted = abortReason();
      const late = Date.now() >= deadline;
      if (aborted || late) {
        const lastErrors = waiting
          .map((node) => {
            const probe = probes[nodes.indexOf(node)];
            return `node ${node.nodeId}: ${probe instanceof Error ? probe.message : `sees brokers ${probe!.brokers.map((b) => b.nodeId).join(',')}`}`;
          })
          .join('; ');
        const reason = aborted ?? `not whole within ${Math.round(timeoutMs / 1000)} s (${lastErrors})`;
        throw new Error(
          `Kafka cluster at ${nodes.flatMap((node) => node.brokers).join(',')} will not become ready: ${reason}\n` +
            waiting.map((node) => node.logTail(20)).join('\n'),
        );
      }
      await sleep(500);
    }
  }
}

/**
 * Reads the local cluster's settings from the environment: `CHRONICLE_KAFKA_CLUSTER_PORT` (base
 * port) and `JAVA_HOME`. Call at the edge (CLI, test setup) only.
 */
export function kafkaClusterOptionsFromEnv(env: NodeJS.ProcessEnv): KafkaClusterOptions {
  return {
    basePort: parsePort(env.CHRONICLE_KAFKA_CLUSTER_PORT, 'CHRONICLE_KAFKA_CLUSTER_PORT'),
    javaCommand: env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : undefined,
  };
}

/**
 * Describes the cluster through the first node that answers. Each node is asked on its own: a probe
 * fails outright when the client happens to route it to a dead broker the metadata still lists.
 */
async function describeFromAny(nodes: KafkaBroker[]): Promise<KafkaClusterInfo | undefined> {
  for (let round = 0; round < 2; round++) {
    for (const node of nodes) {
      const info = await probeKafka(node.brokers, 2_000).catch(() => undefined);
      if (info) return info;
    }
  }
  return undefined;
}

function seesAll(probe: KafkaClusterInfo, layout: KafkaClusterLayout): boolean {
  const live = new Set(probe.brokers.map((broker) => broker.nodeId));
  return layout.nodes.every((node) => live.has(node.nodeId));
}

function sameNodes(a: ClusterNodePorts[], b: ClusterNodePorts[]): boolean {
  return (
    a.length === b.length &&
    a.every((node, i) => node.nodeId === b[i]!.nodeId && node.port === b[i]!.port && node.controllerPort === b[i]!.controllerPort)
  );
}

function describeLayout(layout: KafkaClusterLayout): string {
  return `${layout.nodes.length} brokers on ${layout.nodes.map((node) => `${layout.host}:${node.port}/${node.controllerPort}`).join(', ')}`;
}
