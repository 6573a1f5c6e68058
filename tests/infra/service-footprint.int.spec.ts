import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');

/** Loads a built service's root module in a fresh Node process; returns the extractor's files it loaded. */
function extractorFilesLoadedBy(service: string): string[] {
  const module = join(ROOT, 'dist', 'apps', service, 'src', `${service}.module.js`);
  const script = `require(${JSON.stringify(module)});
    process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('/dist/libs/nlp/'))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
}

/**
 * Only enrich runs the extractor. Its models take about 100 MB and most of a second to load, so every other service
 * (and each of its replicas) must start without them: a shared library re-exporting the analysis would pull them in.
 */
describe('service footprint', () => {
  it.each(['ingest', 'api', 'project', 'alert', 'feeds'])('%s starts without loading the extractor', (service) => {
    expect(extractorFilesLoadedBy(service)).toEqual([]);
  });

  it('enrich loads it (so the check above sees the extractor when it is there)', () => {
    expect(extractorFilesLoadedBy('enrich').some((f) => f.endsWith('name-tagger.model.js'))).toBe(true);
  });
});
