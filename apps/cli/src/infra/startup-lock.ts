import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { isProcessAlive, sleep } from './process-control';

/**
 * Takes an exclusive lock file (created with O_EXCL) so two `infra up` runs or two vitest runs
 * starting at once do not both format storage and spawn a broker. A lock left behind by a dead
 * process is taken over.
 * @returns a function that releases the lock.
 */
export async function acquireStartupLock(lockFile: string, timeoutMs: number): Promise<() => void> {
  mkdirSync(dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockFile);
    // An empty file may be a lock whose owner has not written its pid yet; only a stale one is dead.
    const abandoned = holder === undefined ? ageMs(lockFile) > 5_000 : !isProcessAlive(holder);
    if (abandoned) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `Another process (pid ${holder ?? 'unknown'}) is still starting the local Kafka broker; lock file ${lockFile}`,
      );
    }
    await sleep(250);
  }
}

function ageMs(lockFile: string): number {
  try {
    return Date.now() - statSync(lockFile).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function readHolder(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
