import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { QuorumVoter, renderBrokerProperties, renderLog4jProperties } from './broker-properties';
import { KafkaClusterInfo, probeKafka, waitForKafka } from '@chronicle/kafka';
import { ensureKafkaJars } from './maven-artifacts';
import { isPortOpen } from './port-probe';
import { isProcessAlive, terminateProcess } from './process-control';
import { findProjectRoot } from './project-root';
import { acquireStartupLock } from './startup-lock';

/** How to run the local broker; every field has a sensible default. */
export interface KafkaBrokerOptions {
  projectRoot?: string;
  host?: string;
  port?: number;
  /** Defaults to `port + 1` (9093 for the default 9092). */
  controllerPort?: number;
  javaCommand?: string;
  mavenCommand?: string;
  /** JVM maximum heap, e.g. `512m`. */
  maxHeap?: string;
  readyTimeoutMs?: number;
  stopGraceMs?: number;
  log?: (line: string) => void;
  /** This broker's state (config, data, logs, pid file); `<project>/.chronicle/kafka` by default. */
  homeDir?: string;
  /** The Maven-resolved jars, shared by every local broker; `<project>/.chronicle/kafka/libs` by default. */
  libsDir?: string;
  /** Node id in the quorum; 1 for the single broker. */
  nodeId?: number;
  /** Every controller of the quorum (a cluster's nodes); this broker alone by default. */
  voters?: QuorumVoter[];
  /** Cluster id to format empty storage with (a cluster's nodes share one); random by default. */
  clusterId?: string;
}

/** A broker process just spawned by {@link KafkaBroker.launch}, not yet known to be ready. */
export interface LaunchedKafkaBroker {
  pid?: number;
  /** When the JVM was spawned (after jars, configuration and formatting), in epoch ms. */
  spawnedAt: number;
  /** Why the process can no longer become ready (it exited, or java could not run); undefined while it runs. */
  exitReason(): string | undefined;
}

/** Outcome of {@link KafkaBroker.ensureStarted}. */
export interface KafkaBrokerStartResult {
  brokers: string[];
  /** True only when this call spawned the broker process (so the caller may stop it later). */
  started: boolean;
  pid?: number;
}

/** Outcome of {@link KafkaBroker.stop}. */
export interface KafkaBrokerStopResult {
  stopped: boolean;
  pid?: number;
  detail: string;
}

/** Snapshot reported by {@link KafkaBroker.status}. */
export interface KafkaBrokerStatus {
  state: 'running' | 'stopped';
  /** True when the running broker was started by chronicle from this project (pid file present). */
  managed: boolean;
  pid?: number;
  brokers: string[];
  cluster?: KafkaClusterInfo;
  logFile: string;
}

/** The marker looked for in /proc/<pid>/cmdline before signalling a pid from the pid file. */
export const KAFKA_PROCESS_MARKER = 'kafka.Kafka';

/**
 * A KRaft Kafka broker run from Maven-resolved jars under `<project>/.chronicle/kafka`, for machines
 * without Docker: the single-node broker on its own, or one node of a local cluster
 * ({@link KafkaCluster}). The broker runs detached so it outlives `chronicle infra up`; the pid file
 * is how `stop()` finds it again.
 */
export class KafkaBroker {
  readonly host: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly homeDir: string;
  readonly nodeId: number;
  readonly logFile: string;
  readonly serverLogFile: string;
  private readonly projectRoot: string;
  private readonly pidFile: string;
  private readonly log: (line: string) => void;
  /** Where this start began writing in server.log, so failure reports skip earlier runs. */
  private serverLogOffset = 0;

  constructor(private readonly options: KafkaBrokerOptions = {}) {
    this.projectRoot = options.projectRoot ?? findProjectRoot();
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 9092;
    this.controllerPort = options.controllerPort ?? this.port + 1;
    this.homeDir = options.homeDir ?? join(this.projectRoot, '.chronicle', 'kafka');
    this.nodeId = options.nodeId ?? 1;
    this.logFile = join(this.homeDir, 'broker.log');
    this.serverLogFile = join(this.homeDir, 'logs', 'server.log');
    this.pidFile = join(this.homeDir, 'broker.pid');
    this.log = options.log ?? (() => undefined);
  }

  /** Bootstrap address list for clients. */
  get brokers(): string[] {
    return [`${this.host}:${this.port}`];
  }

  /**
   * Makes sure a Kafka broker answers on the configured port: reuses one that already does
   * (ours from the pid file, or anyone else's), otherwise resolves jars, formats storage once and
   * spawns a detached broker, then waits until it answers `describeCluster`.
   * @throws Error with the broker log tail when the broker exits or misses the deadline.
   */
  async ensureStarted(): Promise<KafkaBrokerStartResult> {
    const readyTimeoutMs = this.options.readyTimeoutMs ?? 60_000;
    const release = await acquireStartupLock(join(this.homeDir, 'start.lock'), readyTimeoutMs + 15 * 60_000);
    try {
      const existingPid = this.readLivePid();
      if (existingPid !== undefined) {
        // Ours, possibly still starting from a previous `infra up` that was interrupted.
        await this.waitUntilReady(readyTimeoutMs, () =>
          isProcessAlive(existingPid, KAFKA_PROCESS_MARKER) ? undefined : 'the broker process exited',
        );
        return { brokers: this.brokers, started: false, pid: existingPid };
      }
      rmSync(this.pidFile, { force: true });
      if (await this.reuseForeignListener()) return { brokers: this.brokers, started: false };
      return await this.spawnBroker(readyTimeoutMs);
    } finally {
      release();
    }
  }

  /** Pid of this broker's process when the pid file names a live Kafka process. */
  runningPid(): number | undefined {
    return this.readLivePid();
  }

  /**
   * Throws when the client or controller port is taken (a node of a cluster must not answer with
   * someone else's broker), naming the port and the setting that moves it.
   */
  async assertPortsFree(remedy: string): Promise<void> {
    for (const [port, role] of [
      [this.port, 'client'],
      [this.controllerPort, 'controller'],
    ] as const) {
      if (await isPortOpen(this.host, port)) {
        throw new Error(`Port ${this.host}:${port} (${this.describe()}, ${role}) is already in use; ${remedy}.`);
      }
    }
  }

  /**
   * Resolves the jars, writes the configuration, formats empty storage and spawns the detached
   * broker without waiting for it: a cluster's nodes only become ready once a quorum of them runs.
   * The pid file is written at once, so `stop()` can always find the process.
   */
  async launch(): Promise<LaunchedKafkaBroker> {
    const libsDir = await ensureKafkaJars({
      pomFile: join(this.projectRoot, 'infra', 'kafka', 'pom.xml'),
      libsDir: this.options.libsDir ?? join(this.projectRoot, '.chronicle', 'kafka', 'libs'),
      mavenCommand: this.options.mavenCommand,
      log: this.log,
    });
    const classpath = join(libsDir, '*');
    const { serverProperties, log4jProperties } = this.writeConfig();
    await this.formatStorageOnce(classpath, serverProperties);

    this.log(`Starting ${this.describe()} on ${this.brokers.join(',')} (log: ${this.logFile})...`);
    const spawnedAt = Date.now();
    // stdout/stderr only carry JVM-level failures (log4j has its own rolling file), so start fresh.
    const logFd = openSync(this.logFile, 'w');
    this.serverLogOffset = existsSync(this.serverLogFile) ? statSync(this.serverLogFile).size : 0;
    const child = spawn(
      this.javaCommand(),
      [
        `-Xmx${this.options.maxHeap ?? '512m'}`,
        '-Djava.awt.headless=true',
        `-Dlog4j.configuration=${pathToFileURL(log4jProperties).href}`,
        `-Dkafka.logs.dir=${join(this.homeDir, 'logs')}`,
        '-cp',
        classpath,
        'kafka.Kafka',
        serverProperties,
      ],
      { cwd: this.homeDir, detached: true, stdio: ['ignore', logFd, logFd] },
    );
    closeSync(logFd);
    let exitReason: string | undefined;
    child.once('error', (error) => (exitReason = `could not run java: ${error.message}`));
    child.once(
      'exit',
      (code, signal) => (exitReason = `the ${this.describe()} process exited (code ${code}, signal ${signal})`),
    );
    child.unref();
    if (child.pid !== undefined) writeFileSync(this.pidFile, `${child.pid}\n`);
    return { pid: child.pid, spawnedAt, exitReason: () => exitReason };
  }

  /** "Kafka broker" alone, "Kafka node 2" in a cluster, for log lines and errors. */
  private describe(): string {
    return this.options.voters && this.options.voters.length > 1 ? `Kafka node ${this.nodeId}` : 'Kafka broker';
  }

  /**
   * Stops the broker recorded in the pid file: SIGTERM, then SIGKILL after the grace period.
   * A broker this project did not start (no pid file) is left alone.
   */
  async stop(): Promise<KafkaBrokerStopResult> {
    const pid = this.readPid();
    if (pid === undefined) return { stopped: false, detail: `no pid file at ${this.pidFile}; nothing to stop` };
    const outcome = await terminateProcess(pid, this.options.stopGraceMs ?? 15_000, KAFKA_PROCESS_MARKER);
    rmSync(this.pidFile, { force: true });
    if (outcome === 'not-running')
      return { stopped: false, pid, detail: `pid ${pid} was not running; removed stale pid file` };
    return {
      stopped: true,
      pid,
      detail: outcome === 'killed' ? `pid ${pid} did not exit in time and was killed` : `pid ${pid} stopped`,
    };
  }

  /** Reports whether a broker answers on the configured port and whether it is ours. */
  async status(): Promise<KafkaBrokerStatus> {
    const pid = this.readLivePid();
    const base = { managed: pid !== undefined, pid, brokers: this.brokers, logFile: this.logFile };
    try {
      return { ...base, state: 'running', cluster: await probeKafka(this.brokers, 2_000) };
    } catch {
      return { ...base, state: 'stopped' };
    }
  }

  /** Last lines of the broker's stdout/stderr and log4j files from the latest start, for error messages. */
  logTail(lines = 40): string {
    return [
      { file: this.logFile, offset: 0 },
      { file: this.serverLogFile, offset: this.serverLogOffset },
    ]
      .filter(({ file }) => existsSync(file))
      .map(({ file, offset }) => `--- ${file} (last ${lines} lines) ---\n${tail(file, offset, lines)}`)
      .join('\n');
  }

  private async reuseForeignListener(): Promise<boolean> {
    if (!(await isPortOpen(this.host, this.port))) {
      if (await isPortOpen(this.host, this.controllerPort)) {
        throw new Error(
          `Port ${this.host}:${this.controllerPort} (Kafka controller) is already in use; set CHRONICLE_KAFKA_PORT to use another port pair.`,
        );
      }
      return false;
    }
    try {
      await waitForKafka(this.brokers, { timeoutMs: 10_000 });
      this.log(`Reusing the Kafka broker already listening on ${this.brokers.join(',')}.`);
      return true;
    } catch {
      throw new Error(
        `Port ${this.host}:${this.port} is in use by something that does not answer as Kafka; stop it or set CHRONICLE_KAFKA_PORT.`,
      );
    }
  }

  private async spawnBroker(readyTimeoutMs: number): Promise<KafkaBrokerStartResult> {
    const launched = await this.launch();
    try {
      await this.waitUntilReady(readyTimeoutMs, launched.exitReason);
    } catch (error) {
      if (launched.pid !== undefined) await terminateProcess(launched.pid, 5_000);
      rmSync(this.pidFile, { force: true });
      throw error;
    }
    this.log(
      `Kafka broker ready on ${this.brokers.join(',')} (pid ${launched.pid}, ${((Date.now() - launched.spawnedAt) / 1000).toFixed(1)} s).`,
    );
    return { brokers: this.brokers, started: true, pid: launched.pid };
  }

  private writeConfig(): { serverProperties: string; log4jProperties: string } {
    mkdirSync(join(this.homeDir, 'logs'), { recursive: true });
    const serverProperties = join(this.homeDir, 'server.properties');
    const log4jProperties = join(this.homeDir, 'log4j.properties');
    writeFileSync(
      serverProperties,
      renderBrokerProperties({
        host: this.host,
        port: this.port,
        controllerPort: this.controllerPort,
        dataDir: this.dataDir,
        nodeId: this.nodeId,
        voters: this.options.voters,
      }),
    );
    writeFileSync(log4jProperties, renderLog4jProperties(this.serverLogFile));
    return { serverProperties, log4jProperties };
  }

  private get dataDir(): string {
    return join(this.homeDir, 'data');
  }

  /** KRaft refuses to start on unformatted storage; formatting again would fail, so do it once. */
  private async formatStorageOnce(classpath: string, serverProperties: string): Promise<void> {
    if (existsSync(join(this.dataDir, 'meta.properties'))) return;
    this.log(`Formatting Kafka storage in ${this.dataDir} (first start only)...`);
    const args = [
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      this.options.clusterId ?? randomClusterId(),
      '-c',
      serverProperties,
      '--ignore-formatted',
    ];
    await new Promise<void>((resolve, reject) => {
      execFile(this.javaCommand(), args, { cwd: this.homeDir, timeout: 120_000 }, (error, stdout, stderr) => {
        if (!error) return resolve();
        reject(
          new Error(
            `Formatting Kafka storage in ${this.dataDir} failed: ${error.message}\n${stdout}\n${stderr}`.trim(),
          ),
        );
      });
    });
  }

  private async waitUntilReady(timeoutMs: number, abortReason: () => string | undefined): Promise<void> {
    try {
      await waitForKafka(this.brokers, { timeoutMs, abortReason });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${message}\n${this.logTail()}`);
    }
  }

  private javaCommand(): string {
    return this.options.javaCommand ?? 'java';
  }

  private readPid(): number | undefined {
    if (!existsSync(this.pidFile)) return undefined;
    const pid = Number.parseInt(readFileSync(this.pidFile, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  private readLivePid(): number | undefined {
    const pid = this.readPid();
    return pid !== undefined && isProcessAlive(pid, KAFKA_PROCESS_MARKER) ? pid : undefined;
  }
}

/**
 * Reads the local broker's settings from the environment: `CHRONICLE_KAFKA_PORT`,
 * `CHRONICLE_KAFKA_CONTROLLER_PORT` and `JAVA_HOME`. Call at the edge (CLI, test setup) only.
 */
export function kafkaBrokerOptionsFromEnv(env: NodeJS.ProcessEnv): KafkaBrokerOptions {
  return {
    port: parsePort(env.CHRONICLE_KAFKA_PORT, 'CHRONICLE_KAFKA_PORT'),
    controllerPort: parsePort(env.CHRONICLE_KAFKA_CONTROLLER_PORT, 'CHRONICLE_KAFKA_CONTROLLER_PORT'),
    javaCommand: env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : undefined,
  };
}

/**
 * Parses a TCP port setting; undefined when unset or empty.
 * @throws Error naming the setting when the value is not a port number.
 */
export function parsePort(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`${name} must be a TCP port number, got "${value}"`);
  return port;
}

/**
 * A Kafka cluster id: 16 random bytes, URL-safe base64 without padding. Kafka itself never issues
 * one starting with '-' (it would read as a command-line flag), so neither do we. Generating it here
 * saves a JVM start (`StorageTool random-uuid`) on first run.
 */
export function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function tail(file: string, offset: number, lines: number): string {
  const content = readFileSync(file);
  // A smaller file than the offset means log4j rolled it over; then all of it is recent.
  const recent = content.length >= offset ? content.subarray(offset) : content;
  return recent.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
