import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/apps/cli/src/main.js');
const seed = readFileSync(join(ROOT, 'tests/fixtures/istanbul-talks.txt'), 'utf8');

function chronicle(args: string[], input: string) {
  // No Kafka, no database: point both at nothing to prove the extractor runs alone.
  return spawnSync(process.execPath, [CLI, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, KAFKA_BROKERS: '127.0.0.1:1', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    timeout: 30_000,
  });
}

/** Packages of the other commands (database, broker, services) that `analyze` has no use for. */
const HEAVY_PACKAGES = /\/node_modules\/(typeorm|pg|kafkajs|@nestjs\/core)\//;

describe('chronicle analyze', () => {
  describe('when it starts', () => {
    it('loads the extractor but none of the database, broker or service packages of the other commands', () => {
      // A preloaded hook lists, at exit, every module file the run loaded.
      const hook = join(mkdtempSync(join(tmpdir(), 'chronicle-cli-')), 'loaded-modules.cjs');
      writeFileSync(
        hook,
        "process.on('exit', () => require('fs').writeSync(2, '\\n' + JSON.stringify(Object.keys(require.cache))));",
      );
      const result = spawnSync(process.execPath, ['-r', hook, CLI, 'analyze', '-'], {
        input: seed,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(0);
      const loaded = JSON.parse(result.stderr.trim().split('\n').pop()!) as string[];
      expect(loaded.some((f) => f.endsWith('name-tagger.model.js'))).toBe(true);
      expect(loaded.filter((f) => HEAVY_PACKAGES.test(f))).toEqual([]);
    });
  });

  describe('when given the seed article as plain text on stdin', () => {
    it('prints the analysis with the direct quotes attributed', () => {
      const result = chronicle(['analyze', '-'], seed);
      expect(result.status).toBe(0);
      const analysis = JSON.parse(result.stdout) as { statements: Array<{ kind: string; speaker: { name: string } | null }> };
      const direct = analysis.statements.filter((s) => s.kind === 'direct').map((s) => s.speaker?.name);
      expect(direct.sort()).toEqual([
        'Donald Trump',
        'Volodymyr Zelenskyy',
        'Volodymyr Zelenskyy',
        'Volodymyr Zelenskyy',
        'Volodymyr Zelenskyy',
      ]);
    });
  });

  describe('when the sentiment encoder stage is on (the default) or switched off', () => {
    it('names the encoder in the analyzer version only when it ran, and changes nothing but sentiment', () => {
      type Analysis = {
        analyzerVersion: string;
        actors: Array<{ name: string; sentiment: unknown }>;
        statements: unknown[];
      };
      const withEncoder = JSON.parse(chronicle(['analyze', '-'], seed).stdout) as Analysis;
      const linear = JSON.parse(chronicle(['analyze', '--no-sentiment-encoder', '-'], seed).stdout) as Analysis;
      expect(withEncoder.analyzerVersion).toBe(`${linear.analyzerVersion}+e5-small-v2-q`);
      expect(withEncoder.statements).toEqual(linear.statements);
      expect(withEncoder.actors.map((a) => a.name)).toEqual(linear.actors.map((a) => a.name));
      expect(withEncoder.actors.map((a) => a.sentiment)).not.toEqual(linear.actors.map((a) => a.sentiment));
    });
  });

  describe('when given NDJSON with a bad line in the middle', () => {
    it('answers every line in order and keeps going', () => {
      const lines = [
        JSON.stringify({ id: 'a', body: '"Prices will fall," Finance Minister Tomas Herrera said.' }),
        '{broken',
        JSON.stringify({ id: 'b', title: 'T', body: seed.split('\n').slice(1).join('\n') }),
      ];
      const result = chronicle(['analyze', '--ndjson'], `${lines.join('\n')}\n`);
      expect(result.status).toBe(0);
      const out = result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string | null; error?: string; actors?: unknown[] });
      expect(out.map((o) => o.id)).toEqual(['a', null, 'b']);
      expect(out[1]!.error).toMatch(/not valid JSON/);
      expect(out[2]!.actors!.length).toBeGreaterThanOrEqual(9);
    });
  });
});
