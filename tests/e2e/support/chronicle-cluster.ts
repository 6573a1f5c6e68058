import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { freePort } from '@chronicle/test-support';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from '../../support/test-environment';

export type ServiceName = 'ingest' | 'enrich' | 'project' | 'alert' | 'api' | 'feeds';

const PORT_VARIABLE: Record<ServiceName, string> = {
  ingest: 'INGEST_PORT',
  enrich: 'ENRICH_PORT',
  project: 'PROJECT_PORT',
  alert: 'ALERT_PORT',
  feeds: 'FEEDS_PORT',
  api: 'API_PORT',
};

const ROOT = resolve(__dirname, '../../..');

export { freePort };

interface RunningService {
  name: ServiceName;
  process: ChildProcess;
  port: number;
  logFile: string;
}

/**
 * Tests of other concerns run with auth off, limits no test reaches and the extractor without its
 * sentiment encoder stage, unless their env says otherwise (tests/auth, the rate-limit test and the
 * seed-article and reanalyze tests do).
 */
const TEST_DEFAULTS = {
  CHRONICLE_AUTH: 'off',
  // The extractor alone, some twenty times faster than with the sentiment encoder stage; the seed-article, reanalyze
  // and analysis-pool tests run the stage.
  ENRICH_SENTIMENT_ENCODER: 'off',
  RATE_LIMIT_READ_PER_MINUTE: '1000000',
  RATE_LIMIT_INGEST_PER_MINUTE: '1000000',
};

/**
 * Runs Chronicle's built services (dist/) as real child processes against the run's Kafka
 * and PostgreSQL, so tests can post, query, kill -9 and restart them like an operator would.
 */
export class ChronicleCluster {
  private readonly running = new Map<string, RunningService>();
  private readonly logDir: string;
  private launches = 0;

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {
    this.logDir = join(tmpdir(), 'chronicle-e2e', name);
    mkdirSync(this.logDir, { recursive: true });
  }

  /** Starts one replica and waits until its /health answers. Returns the replica key. */
  async start(name: ServiceName, replica = 0, port?: number): Promise<string> {
    const key = `${name}#${replica}`;
    const chosenPort = port ?? (await freePort());
    this.launches += 1;
    const logFile = join(this.logDir, `${name}-${replica}-${this.launches}.log`);
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [join(ROOT, 'dist/apps', name, 'src/main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...TEST_DEFAULTS, ...this.env, [PORT_VARIABLE[name]]: String(chosenPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.running.set(key, { name, process: child, port: chosenPort, logFile });
    // A replica that exits (e.g. refusing to start) ends the wait at once.
    const outcome = await waitFor(
      async () => {
        if (child.exitCode !== null) return 'exited' as const;
        const response = await fetch(`http://127.0.0.1:${chosenPort}/health`);
        return response.ok ? ('healthy' as const) : false;
      },
      { timeoutMs: 60_000, intervalMs: 200, description: `${key} health` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- ${logFile}\n${this.logTail(logFile)}`);
    });
    if (outcome === 'exited') {
      await new Promise((done) => setTimeout(done, 200));
      throw new Error(`${key} exited with ${child.exitCode}:\n${this.logTail(logFile)}`);
    }
    return key;
  }

  url(name: ServiceName, replica = 0): string {
    const service = this.running.get(`${name}#${replica}`);
    if (!service) throw new Error(`${name}#${replica} is not running`);
    return `http://127.0.0.1:${service.port}`;
  }

  /** Kills a replica (SIGKILL by default: no shutdown hooks, no commits) and waits for it to die. */
  async kill(key: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const service = this.running.get(key);
    if (!service) return;
    this.running.delete(key);
    if (service.process.exitCode !== null) return;
    await new Promise<void>((done) => {
      service.process.once('exit', () => done());
      service.process.kill(signal);
    });
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((key) => this.kill(key, 'SIGTERM')));
  }

  logTail(file: string, lines = 40): string {
    try {
      return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
