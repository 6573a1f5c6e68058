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

  describe('when a new shared_buffers is set and waits for a restart', () => {
    it('reads the value set, as the configuration file holds it, and puts back what was there', async ({ skip }) => {
      const client = new Client({ connectionString: databaseUrl() });
      await client.connect();
      const setting = async (sql: string) => (await client.query<{ value: string | null }>(sql)).rows[0]?.value ?? null;
      const superuser = await setting('SELECT rolsuper::text AS value FROM pg_roles WHERE rolname = current_user');
      // ALTER SYSTEM needs a superuser. This machine kind's server runs with trust auth as postgres; a DATABASE_URL
      // of another user skips the test, saying why, rather than failing it.
      if (superuser !== 'true') {
        await client.end();
        skip('ALTER SYSTEM needs a superuser, and the test database user is none');
      }
      const before = await setting(
        "SELECT setting AS value FROM pg_file_settings WHERE name = 'shared_buffers' AND sourcefile LIKE '%postgresql.auto.conf' ORDER BY seqno DESC LIMIT 1",
      );
      const runningMb = Number(
        await setting("SELECT (pg_size_bytes(current_setting('shared_buffers')) / 1048576)::text AS value"),
      );
      const value = `${runningMb + 16}MB`;
      const pendingRestart = async () =>
        setting("SELECT pending_restart::text AS value FROM pg_settings WHERE name = 'shared_buffers'");
      try {
        await client.query(`ALTER SYSTEM SET shared_buffers = '${value}'`);
        await client.query('SELECT pg_reload_conf()');
        for (let i = 0; i < 50 && (await pendingRestart()) !== 'true'; i += 1) await new Promise((r) => setTimeout(r, 100));

        const read = await new PostgresDatabase(databaseUrl()).writeSettings();

        expect(read.get('shared_buffers')).toMatchObject({
          mb: runningMb,
          pendingRestart: true,
          pendingValue: { mb: runningMb + 16, shown: value },
        });
      } finally {
        await client.query(
          before === null ? 'ALTER SYSTEM RESET shared_buffers' : `ALTER SYSTEM SET shared_buffers = '${before}'`,
        );
        await client.query('SELECT pg_reload_conf()');
        await client.end();
      }
    });
  });
});
