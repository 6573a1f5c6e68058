import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresDatabase } from '../../apps/cli/src/infra/postgres-database';
import { WRITE_LOAD_SETTINGS } from '../../apps/cli/src/infra/postgres-write-settings';
import { databaseUrl } from '../support/test-environment';

/** A setting's value in MB from its raw `pg_settings` value and unit (only the units these settings use). */
const MB_PER_UNIT: Record<string, number> = { MB: 1, '8kB': 8 / 1024 };

describe(PostgresDatabase.name, () => {
  describe('when reading the write-load settings of the running server', () => {
    it('reads each in MB whatever unit the server keeps it in, as shown, with its pending restart', async () => {
      const client = new Client({ connectionString: databaseUrl() });
      await client.connect();
      const { rows: raw } = await client
        .query<{ name: string; setting: string; unit: string; pending_restart: boolean }>(
          'SELECT name, setting, unit, pending_restart FROM pg_settings WHERE name = ANY($1::text[])',
          [WRITE_LOAD_SETTINGS.map((s) => s.name)],
        )
        .finally(() => client.end());

      const read = await new PostgresDatabase(databaseUrl()).writeSettings();

      expect([...read.keys()].sort()).toEqual(['max_wal_size', 'shared_buffers']);
      for (const row of raw) {
        expect(read.get(row.name)?.mb, row.name).toBe(Number(row.setting) * MB_PER_UNIT[row.unit]!);
        expect(read.get(row.name)?.shown, row.name).toMatch(/^\d+(MB|GB|TB)$/);
        expect(read.get(row.name)?.pendingRestart, row.name).toBe(row.pending_restart);
      }
    });
  });
});
