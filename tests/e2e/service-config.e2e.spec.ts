import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

describe('service startup', () => {
  describe.each(['api', 'ingest', 'enrich', 'project', 'alert', 'feeds'])('when %s gets bad settings', (service) => {
    it('exits at once with a message naming each bad setting', () => {
      const started = Date.now();
      const result = spawnSync(process.execPath, [join(ROOT, 'dist/apps', service, 'src/main.js')], {
        env: { PATH: process.env.PATH, API_PORT: 'abc', KAFKA_PARTITIONS: '0', DATABASE_URL: 'nope' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.status).toBe(78);
      expect(result.stderr).toContain('API_PORT');
      expect(result.stderr).toContain('KAFKA_PARTITIONS');
      expect(result.stderr).toContain('DATABASE_URL');
      expect(Date.now() - started).toBeLessThan(15_000);
    });
  });

  describe('when production runs without its required settings', () => {
    it('names the missing ones', () => {
      const result = spawnSync(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
        env: { PATH: process.env.PATH, CHRONICLE_ENV: 'production' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.status).toBe(78);
      expect(result.stderr).toMatch(/KAFKA_BROKERS: is required in production/);
      expect(result.stderr).toMatch(/DATABASE_URL: is required in production/);
    });
  });
});
