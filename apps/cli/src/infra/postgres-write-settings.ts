/**
 * Server settings Chronicle's write load needs above PostgreSQL's defaults, as `docker-compose.yml` runs its server.
 * `infra up --tune-postgres` sets them with `ALTER SYSTEM`: a reload applies `max_wal_size`; `shared_buffers` waits
 * for the server's next restart.
 *
 * `max_wal_size`: with the default 1 GB the projector forces a checkpoint every few seconds at a thousand events a
 * second, and after each checkpoint the first change to every index page writes the whole page to the WAL again:
 * 100,000 events wrote 4.8 GB of WAL, 60 % of it full-page images, against 1.9 GB for the COPY of the same rows
 * (README, Performance, stop 43).
 *
 * `shared_buffers`: with the default 128 MB the ledgers' and statements' indexes outgrow the buffers, and the
 * projector's backends spend their time evicting dirty pages themselves. Sampled during the projection bench, about a
 * fifth of the active backends waited on data-file writes, the buffer mapping or the checkpointer's request queue;
 * at 2 GB none did, and the run took 75.9–82.8 s (six runs of seven) instead of 84.6–87.9 (README, Performance,
 * stop 44).
 */
export const WRITE_LOAD_SETTINGS: readonly WriteLoadSetting[] = [
  { name: 'max_wal_size', minimumMb: 8192, value: '8GB', appliedBy: 'reload' },
  { name: 'shared_buffers', minimumMb: 2048, value: '2GB', appliedBy: 'restart' },
];

export interface WriteLoadSetting {
  name: 'max_wal_size' | 'shared_buffers';
  /** The least Chronicle wants, in MB. */
  minimumMb: number;
  /** What `ALTER SYSTEM` sets it to. */
  value: string;
  /** What makes a running server take a new value: a configuration reload, or only a restart. */
  appliedBy: 'reload' | 'restart';
}

/** A setting's value in MB and as written (`1GB`, `2GB`, or a bare number in the setting's own unit). */
export interface SettingValue {
  mb: number;
  shown: string;
}

/**
 * A setting's value on the server: in MB, as PostgreSQL shows it (`current_setting`, e.g. `1GB`), whether a changed
 * value is already set and waits for a restart (`pg_settings.pending_restart`), and that value when the server lets
 * the session read its configuration files (`pg_file_settings`, superusers by default).
 */
export interface ServerSetting extends SettingValue {
  pendingRestart: boolean;
  pendingValue?: SettingValue;
}

/** One setting below Chronicle's minimum: what it should be, what the server runs with now, and whether it is set. */
export interface SettingToRaise {
  setting: WriteLoadSetting;
  current: string;
  /** Already set (by an earlier `--tune-postgres` or by hand); the server runs the old value until it restarts. */
  pendingRestart: boolean;
  /** The value set, when the server showed it. */
  pendingValue?: SettingValue;
}

/** The settings whose current value (by name) is below Chronicle's minimum; one the server lacks is left alone. */
export function settingsToRaise(current: ReadonlyMap<string, ServerSetting>): SettingToRaise[] {
  return WRITE_LOAD_SETTINGS.flatMap((setting) => {
    const value = current.get(setting.name);
    if (value === undefined || value.mb >= setting.minimumMb) return [];
    const pending = value.pendingValue ? { pendingValue: value.pendingValue } : {};
    return [{ setting, current: value.shown, pendingRestart: value.pendingRestart, ...pending }];
  });
}

/**
 * Those of `low` that `ALTER SYSTEM` still has to set: a value pending a restart is set already, unless it is itself
 * below the minimum (`shared_buffers` set to 1GB by hand).
 */
export function settingsToSet(low: readonly SettingToRaise[]): SettingToRaise[] {
  return low.filter((s) => !s.pendingRestart || (s.pendingValue !== undefined && s.pendingValue.mb < s.setting.minimumMb));
}

const BYTES_PER_UNIT: Record<string, number> = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/**
 * A memory setting's value in MB from what a configuration file holds (`2GB`, `512 MB`, or a bare number in the
 * setting's own unit, `pg_settings.unit`: `8kB` for shared_buffers, `MB` for max_wal_size); undefined when it is not
 * one PostgreSQL would accept.
 */
export function settingMb(written: string, unit: string): number | undefined {
  const value = /^\s*(\d+(?:\.\d+)?)\s*(B|kB|MB|GB|TB)?\s*$/.exec(written);
  const own = /^(\d*)(B|kB|MB|GB|TB)$/.exec(unit);
  if (!value || !own) return undefined;
  const bytes = value[2] ? BYTES_PER_UNIT[value[2]]! : Number(own[1] || 1) * BYTES_PER_UNIT[own[2]!]!;
  return (Number(value[1]) * bytes) / 1024 ** 2;
}
