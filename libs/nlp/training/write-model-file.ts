import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { format, resolveConfig } from 'prettier';

/**
 * Writes a model or data file as the repository keeps it: JSON laid out by the project's prettier settings, so that
 * rerunning a training script gives the committed file byte for byte.
 */
export async function writeModelFile(path: string, value: unknown): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await format(JSON.stringify(value), { ...options, filepath: path, parser: 'json' }));
  console.log(`wrote ${path}`);
}
