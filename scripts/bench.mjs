#!/usr/bin/env node
// `npm run bench -- <name> [args]`: builds, then runs bench/<name>. Without a name, lists them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES = {
  nlp: 'dist/bench/nlp/nlp-throughput.bench.js',
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
// The projection bench runs the project service's write path in process, so with the service's Node flags.
const NODE_FLAGS = { projection: ['--max-semi-space-size=64'], api: ['--max-semi-space-size=64'] };
const result = spawnSync(process.execPath, [...(NODE_FLAGS[name] ?? []), script, ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
