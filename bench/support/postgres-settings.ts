import { Client } from 'pg';

/** Server settings that change what a bench measures, read from the server it runs on. */
const REPORTED = ['autovacuum', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_wal_size'] as const;

export type PostgresSettings = Record<(typeof REPORTED)[number], string>;

/**
 * The settings of the PostgreSQL server behind `url` that a bench reports beside its figures. Machines of one kind
 * may still configure their server differently: with autovacuum off, nothing analyses or vacuums the tables a run
 * fills (the CI machines' server has it off; PostgreSQL's default and docker-compose's server have it on).
 */
export async function postgresSettings(url: string): Promise<PostgresSettings> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(
      'SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name',
      [REPORTED],
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting])) as PostgresSettings;
  } finally {
    await client.end();
  }
}
