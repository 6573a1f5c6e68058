/**
 * Writes the AsyncAPI document of Chronicle's Kafka topics (default `docs/asyncapi.json`):
 * `npm run asyncapi [-- --out FILE]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { asyncApiJson } from './asyncapi-document';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const outAt = args.indexOf('--out');
const out = resolve(outAt >= 0 && args[outAt + 1] ? args[outAt + 1]! : 'docs/asyncapi.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, asyncApiJson());
process.stdout.write(`wrote ${out}\n`);
