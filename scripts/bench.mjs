#!/usr/bin/env node
// `npm run bench -- <name> [args]`: builds, then runs bench/<name>. Without a name, lists them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES = {
  nlp: 'dist/bench/nlp/nlp-throughput.bench.js',
  hostile: 'dist/bench/nlp/hostile-input.bench.js',
  sentiment: 'dist/bench/sentiment/evaluate-sentiment.js',
  projection: 'dist/bench/projection/projection-throughput.bench.js',
  alerts: 'dist/bench/alerts/alert-latency.bench.js',
  rebuild: 'dist/bench/rebuild/projection-rebuild.bench.js',
  feeds: 'dist/bench/feeds/feed-polling.bench.js',
  api: 'dist/bench/api/api-latency.bench.js',
  pipeline: 'dist/bench/pipeline/pipeline-throughput.bench.js',
};
const [name, ...args] = process.argv.slice(2);
if (!name || !BENCHES[name]) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [args]`);
  process.exit(name ? 2 : 0);
}
const root = join(import.meta.dirname, '..');
if (!process.env.BENCH_SKIP_BUILD) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
const script = join(root, BENCHES[name]);
if (!existsSync(script)) {
  console.error(`${name}: ${BENCHES[name]} is not built`);
  process.exit(2);
}
// The projection and api benches run a service's code in process, so with the services' Node flags (one list, built).
const { SERVICE_NODE_FLAGS } = await import(join(root, 'dist/libs/config/src/service-node-flags.js'));
const IN_PROCESS_SERVICE_BENCHES = new Set(['projection', 'api']);
const flags = IN_PROCESS_SERVICE_BENCHES.has(name) ? SERVICE_NODE_FLAGS : [];
const result = spawnSync(process.execPath, [...flags, script, ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
