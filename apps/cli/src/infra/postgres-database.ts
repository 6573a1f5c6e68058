import { existsSync, readdirSync } from 'node:fs';
import { Client } from 'pg';
import {
  ServerSetting,
  settingMb,
  settingsToRaise,
  settingsToSet,
  SettingToRaise,
  SettingValue,
  WRITE_LOAD_SETTINGS,
} from './postgres-write-settings';

/** Where Chronicle's database lives when `DATABASE_URL` is not set. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/chronicle';

/** The database every PostgreSQL server has, used to create and drop the others. */
const MAINTENANCE_DATABASE = 'postgres';

/** Errors that retrying cannot fix (bad password, unknown role or database). */
const PERMANENT_ERROR_CODES = new Set(['28P01', '28000', '3D000']);

/** Postgres identifiers we are willing to create: no quoting surprises, within the 63-byte limit. */
const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * One PostgreSQL database addressed by URL, plus the server-level operations around it
 * (readiness, create-if-missing, creating and dropping sibling databases for tests).
 */
export class PostgresDatabase {
  readonly name: string;

  constructor(readonly url: string = DEFAULT_DATABASE_URL) {
    this.name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
    if (!this.name) throw new Error(`DATABASE_URL must name a database: ${redactUrl(url)}`);
  }

  /**
   * Waits until the server accepts connections to its maintenance database.
   * @throws Error with the last connection error and, for a local server, how to start it.
   */
  async waitUntilReady(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.withMaintenanceClient((client) => client.query('SELECT 1'));
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if ((code && PERMANENT_ERROR_CODES.has(code)) || Date.now() >= deadline) throw this.notReadyError(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /**
   * Creates this URL's database when it does not exist yet.
   * @returns true when it was created by this call.
   */
  async ensureExists(): Promise<boolean> {
    if (this.name === MAINTENANCE_DATABASE || (await this.exists())) return false;
    await this.createDatabase(this.name);
    return true;
  }

  /** True when this URL's database exists on the server. */
  async exists(): Promise<boolean> {
    return this.databaseExists(this.name);
  }

  /**
   * Creates database `name` on the same server, tolerating a concurrent creator.
   * @returns a URL for the new database with this URL's credentials and options.
   */
  async createDatabase(name: string): Promise<string> {
    const quoted = quoteDatabaseName(name);
    await this.withMaintenanceClient(async (client) => {
      try {
        await client.query(`CREATE DATABASE ${quoted}`);
      } catch (error) {
        // 42P04 duplicate_database; 23505 when two CREATE DATABASE race on pg_database's unique index.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    });
    return this.urlFor(name);
  }

  /** Drops database `name` on the same server, disconnecting its sessions first (PostgreSQL 13+). */
  async dropDatabase(name: string): Promise<void> {
    if (name === MAINTENANCE_DATABASE) throw new Error(`Refusing to drop the ${MAINTENANCE_DATABASE} database`);
    const quoted = quoteDatabaseName(name);
    await this.withMaintenanceClient((client) => client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`));
  }

  /** The server's write-load settings below Chronicle's minimum (`WRITE_LOAD_SETTINGS`). */
  async writeSettingsToRaise(): Promise<SettingToRaise[]> {
    return settingsToRaise(await this.writeSettings());
  }

  /** The server's values of the write-load settings (`WRITE_LOAD_SETTINGS`), by name. */
  async writeSettings(): Promise<Map<string, ServerSetting>> {
    return this.withMaintenanceClient(async (client) => {
      // Units differ (max_wal_size in MB, shared_buffers in 8 kB blocks): compare what PostgreSQL shows, in bytes.
      const { rows } = await client.query<{ name: string; mb: string; shown: string; pending_restart: boolean }>(
        `SELECT name, pg_size_bytes(current_setting(name)) / 1048576 AS mb, current_setting(name) AS shown, pending_restart
         FROM pg_settings WHERE name = ANY($1::text[])`,
        [WRITE_LOAD_SETTINGS.map((s) => s.name)],
      );
      const pending = rows.some((r) => r.pending_restart) ? await pendingValues(client) : new Map<string, SettingValue>();
      return new Map(
        rows.map((r) => {
          const pendingValue = r.pending_restart ? pending.get(r.name) : undefined;
          const setting: ServerSetting = { mb: Number(r.mb), shown: r.shown, pendingRestart: r.pending_restart };
          return [r.name, pendingValue ? { ...setting, pendingValue } : setting];
        }),
      );
    });
  }

  /**
   * Sets these settings server-wide (`ALTER SYSTEM`, then a configuration reload), except those already set and
   * waiting for a restart: needs a superuser, and changes the server for every database on it. A setting applied by
   * a restart only takes effect when the server next starts.
   */
  async raiseWriteSettings(settings: readonly SettingToRaise[]): Promise<void> {
    const toSet = settingsToSet(settings);
    if (toSet.length === 0) return;
    await this.withMaintenanceClient(async (client) => {
      // Names and values come from WRITE_LOAD_SETTINGS, never from input.
      for (const { setting } of toSet) await client.query(`ALTER SYSTEM SET ${setting.name} = '${setting.value}'`);
      await client.query('SELECT pg_reload_conf()');
    });
  }

  /** This URL with the database name replaced by `name`. */
  urlFor(name: string): string {
    const url = new URL(this.url);
    url.pathname = `/${encodeURIComponent(name)}`;
    return url.toString();
  }

  private async databaseExists(name: string): Promise<boolean> {
    return this.withMaintenanceClient(async (client) => {
      const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      return (result.rowCount ?? 0) > 0;
    });
  }

  private async withMaintenanceClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.urlFor(MAINTENANCE_DATABASE), connectionTimeoutMillis: 3_000 });
    // A server-side disconnect after connect would otherwise surface as an unhandled 'error' event.
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private notReadyError(cause: unknown): Error {
    const url = new URL(this.url);
    const reason =
      cause instanceof Error ? cause.message || (cause as { code?: string }).code || cause.name : String(cause);
    const lines = [
      `PostgreSQL at ${url.hostname}:${url.port || 5432} is not ready (${reason}) [${redactUrl(this.url)}]`,
    ];
    if (isLocalHost(url.hostname)) lines.push(`If it is the local server, start it with: ${localStartCommand()}`);
    return new Error(lines.join('\n'));
  }
}

/** `url` with any password replaced by `***`, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable database URL>';
  }
}

function quoteDatabaseName(name: string): string {
  if (!DATABASE_NAME.test(name)) throw new Error(`Invalid database name "${name}": use letters, digits and _ (max 63)`);
  return `"${name}"`;
}

function isLocalHost(hostname: string): boolean {
  return ['', 'localhost', '127.0.0.1', '[::1]', '::1'].includes(hostname);
}

function localStartCommand(): string {
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  const version = versions.length === 1 ? versions[0] : '$(ls /etc/postgresql)';
  return `pg_ctlcluster --skip-systemctl-redirect ${version} main start`;
}

/**
 * The values the configuration files set for the write-load settings (the last line of each wins; one waiting for a
 * restart carries the error "setting could not be applied"), by name: what a pending restart will apply. Empty when
 * the session may not read `pg_file_settings` (only superusers may, by default).
 */
async function pendingValues(client: Client): Promise<Map<string, SettingValue>> {
  try {
    const { rows } = await client.query<{ name: string; setting: string; unit: string }>(
      `SELECT DISTINCT ON (f.name) f.name, f.setting, s.unit
       FROM pg_file_settings f JOIN pg_settings s USING (name)
       WHERE f.name = ANY($1::text[]) AND f.setting IS NOT NULL
       ORDER BY f.name, f.seqno DESC`,
      [WRITE_LOAD_SETTINGS.map((s) => s.name)],
    );
    return new Map(
      rows.flatMap((r) => {
        const mb = settingMb(r.setting, r.unit);
        return mb === undefined ? [] : [[r.name, { mb, shown: r.setting }] as const];
      }),
    );
  } catch (error) {
    // insufficient_privilege: the pending values stay unknown, and `infra up` says only that one is set.
    if ((error as { code?: string }).code === '42501') return new Map();
    throw error;
  }
}
