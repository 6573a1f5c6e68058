import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PROJECT_NAME = 'chronicle';

/**
 * Finds the Chronicle repository root by walking up from `start` to the first folder whose
 * package.json is named "chronicle". Walking (rather than a fixed `../../..`) keeps this correct
 * both from `apps/cli/src/infra` under vitest and from `dist/apps/cli/infra` after a build.
 */
export function findProjectRoot(start: string = __dirname): string {
  for (const origin of [start, process.cwd()]) {
    let dir = origin;
    for (;;) {
      if (isChronicleRoot(dir)) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(
    `Cannot find the Chronicle project root (a package.json named "${PROJECT_NAME}") above ${start} or ${process.cwd()}`,
  );
}

function isChronicleRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PROJECT_NAME;
  } catch {
    return false;
  }
}
