/**
 * Server settings Chronicle's write load needs above PostgreSQL's defaults, as `docker-compose.yml` runs its server.
 * Only settings a reload applies: `infra up --tune-postgres` raises them on a running server without a restart.
 *
 * `max_wal_size`: with the default 1 GB the projector forces a checkpoint every few seconds at a thousand events a
 * second, and after each checkpoint the first change to every index page writes the whole page to the WAL again:
 * 100,000 events wrote 4.8 GB of WAL, 60 % of it full-page images, against 1.9 GB for the COPY of the same rows
 * (README, Performance, stop 43).
 */
export const WRITE_LOAD_SETTINGS: readonly WriteLoadSetting[] = [{ name: 'max_wal_size', minimumMb: 8192, value: '8GB' }];

export interface WriteLoadSetting {
  name: 'max_wal_size';
  /** The least Chronicle wants, in MB (the unit `pg_settings` reports `max_wal_size` in). */
  minimumMb: number;
  /** What `ALTER SYSTEM` sets it to. */
  value: string;
}

/** A setting's value on the server: in MB, and as PostgreSQL shows it (`current_setting`, e.g. `1GB`). */
export interface ServerSetting {
  mb: number;
  shown: string;
}

/** One setting below Chronicle's minimum: what it should be set to, and what the server shows now. */
export interface SettingToRaise {
  setting: WriteLoadSetting;
  current: string;
}

/** The settings whose current value (by name) is below Chronicle's minimum; one the server lacks is left alone. */
export function settingsToRaise(current: ReadonlyMap<string, ServerSetting>): SettingToRaise[] {
  return WRITE_LOAD_SETTINGS.flatMap((setting) => {
    const value = current.get(setting.name);
    return value !== undefined && value.mb < setting.minimumMb ? [{ setting, current: value.shown }] : [];
  });
}
