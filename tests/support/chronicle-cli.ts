import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** Path of the built `chronicle` CLI (tests run it as an operator would, after `npm run build`). */
export const CHRONICLE_CLI = join(resolve(__dirname, '../..'), 'dist/apps/cli/src/main.js');

/** Runs `chronicle <args>` with the given environment on top of this process's; resolves to its stdout. */
export async function runChronicle(env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  return (await promisify(execFile)(process.execPath, [CHRONICLE_CLI, ...args], { env: { ...process.env, ...env } })).stdout;
}
