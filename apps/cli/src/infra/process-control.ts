import { existsSync, readFileSync } from 'node:fs';

/**
 * True when `pid` is a live process whose command line contains `marker` (when /proc is
 * available). Checking the command line guards against a stale pid file whose number the OS has
 * since given to an unrelated process, which we must never signal.
 */
export function isProcessAlive(pid: number, marker?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!marker || !existsSync('/proc')) return true;
  try {
    // A zombie has an empty command line, so it also counts as dead here.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return false;
  }
}

/**
 * Sends SIGTERM and waits up to `graceMs` for the process to exit, then SIGKILLs it.
 * @returns how the process ended.
 */
export async function terminateProcess(
  pid: number,
  graceMs: number,
  marker?: string,
): Promise<'terminated' | 'killed' | 'not-running'> {
  if (!isProcessAlive(pid, marker)) return 'not-running';
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid, marker)) return 'terminated';
    await sleep(200);
  }
  signal(pid, 'SIGKILL');
  for (let i = 0; i < 25 && isProcessAlive(pid, marker); i++) await sleep(200);
  return 'killed';
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
