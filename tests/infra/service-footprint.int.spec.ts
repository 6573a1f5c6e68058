import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');

/** Loads a built module in a fresh Node process; returns the extractor's files it loaded. */
function extractorFilesLoadedBy(module: string): string[] {
  const script = `require(${JSON.stringify(module)});
    process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('/dist/libs/nlp/'))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
}

const serviceModule = (service: string): string => join(ROOT, 'dist', 'apps', service, 'src', `${service}.module.js`);
const ANALYSIS_WORKER = join(ROOT, 'dist', 'apps', 'enrich', 'src', 'analysis', 'analysis-worker.js');

/**
 * Only enrich's analysis threads run the extractor. Its models take about 100 MB and most of a second to load, so
 * every service's event loop (and each replica's) must start without them: a shared library re-exporting the
 * analysis would pull them in, and so would enrich's handler analysing inline.
 */
describe('service footprint', () => {
  it.each(['ingest', 'api', 'project', 'alert', 'feeds', 'enrich'])('%s starts without loading the extractor', (service) => {
    expect(extractorFilesLoadedBy(serviceModule(service))).toEqual([]);
  });

  it("enrich's analysis thread entry loads it (so the check above sees the extractor when it is there)", () => {
    expect(extractorFilesLoadedBy(ANALYSIS_WORKER).some((f) => f.endsWith('name-tagger.model.js'))).toBe(true);
  });
});
