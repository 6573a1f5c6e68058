import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Inputs for resolving the broker's jars. */
export interface MavenArtifactsOptions {
  /** The pom listing the broker and its runtime dependencies (infra/kafka/pom.xml). */
  pomFile: string;
  /** Cache folder that receives the jars (.chronicle/kafka/libs). */
  libsDir: string;
  /** Maven executable; `mvn` on PATH by default. */
  mavenCommand?: string;
  /** Progress lines for a human; the first download can take minutes. */
  log?: (line: string) => void;
  /** Upper bound for the Maven run. */
  timeoutMs?: number;
}

const STAMP_FILE = '.pom.sha256';

/**
 * Makes sure the Kafka broker jars are cached in `libsDir`, running Maven only when the cache is
 * missing or was built from a different pom. Jars are copied into a temporary sibling folder and
 * renamed into place, so an interrupted download never looks like a complete cache.
 * @returns the folder holding the jars, suitable for a `DIR/*` Java classpath.
 */
export async function ensureKafkaJars(options: MavenArtifactsOptions): Promise<string> {
  const { pomFile, libsDir, log = () => undefined } = options;
  if (!existsSync(pomFile)) throw new Error(`Kafka broker pom not found: ${pomFile}`);
  const pomHash = createHash('sha256').update(readFileSync(pomFile)).digest('hex');
  if (isCacheValid(libsDir, pomHash)) return libsDir;

  const stagingDir = `${libsDir}.partial-${process.pid}`;
  rmSync(stagingDir, { recursive: true, force: true });
  mkdirSync(dirname(libsDir), { recursive: true });
  log('Resolving Kafka broker jars with Maven (the first run downloads ~60 jars and may take a few minutes)...');
  const startedAt = Date.now();
  // Maven runs quietly (-q), so say every half minute that it is still working rather than stuck.
  const heartbeat = setInterval(
    () => log(`  still resolving Kafka jars (${Math.round((Date.now() - startedAt) / 1000)} s)...`),
    30_000,
  );
  try {
    await runMaven(options.mavenCommand ?? 'mvn', pomFile, stagingDir, options.timeoutMs ?? 15 * 60_000);
  } finally {
    clearInterval(heartbeat);
  }
  writeFileSync(join(stagingDir, STAMP_FILE), pomHash);
  rmSync(libsDir, { recursive: true, force: true });
  renameSync(stagingDir, libsDir);
  const jarCount = readdirSync(libsDir).filter((name) => name.endsWith('.jar')).length;
  log(`Cached ${jarCount} jars in ${libsDir} (${((Date.now() - startedAt) / 1000).toFixed(1)} s).`);
  return libsDir;
}

function isCacheValid(libsDir: string, pomHash: string): boolean {
  const stamp = join(libsDir, STAMP_FILE);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== pomHash) return false;
  return readdirSync(libsDir).some((name) => /^kafka_2\.13-.*\.jar$/.test(name));
}

function runMaven(mavenCommand: string, pomFile: string, outputDir: string, timeoutMs: number): Promise<void> {
  const args = [
    '-q',
    '-B',
    '-f',
    pomFile,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${outputDir}`,
  ];
  return new Promise((resolve, reject) => {
    execFile(mavenCommand, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve();
      rmSync(outputDir, { recursive: true, force: true });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(
          new Error(
            `Maven ('${mavenCommand}') is not installed or not on PATH; it is needed once to fetch the Kafka broker jars.`,
          ),
        );
      }
      const output = `${stdout}\n${stderr}`.trim().split('\n').slice(-30).join('\n');
      reject(new Error(`Maven failed to resolve the Kafka broker jars (${error.message.split('\n')[0]}):\n${output}`));
    });
  });
}
