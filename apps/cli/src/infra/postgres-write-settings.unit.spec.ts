import { describe, expect, it } from 'vitest';
import { ServerSetting, settingMb, settingsToRaise, settingsToSet, WRITE_LOAD_SETTINGS } from './postgres-write-settings';

const server = (entries: Record<string, Partial<ServerSetting> & { mb: number }>) =>
  new Map(Object.entries(entries).map(([name, s]) => [name, { shown: `${s.mb}MB`, pendingRestart: false, ...s }]));

const setting = (name: string) => WRITE_LOAD_SETTINGS.find((s) => s.name === name)!;

describe(settingsToRaise.name, () => {
  it("raises PostgreSQL's defaults: max_wal_size 1 GB to 8 GB by a reload, shared_buffers 128 MB to 2 GB by a restart", () => {
    const low = settingsToRaise(
      server({ max_wal_size: { mb: 1024, shown: '1GB' }, shared_buffers: { mb: 128, shown: '128MB' } }),
    );
    expect(low).toEqual([
      {
        setting: { name: 'max_wal_size', minimumMb: 8192, value: '8GB', appliedBy: 'reload' },
        current: '1GB',
        pendingRestart: false,
      },
      {
        setting: { name: 'shared_buffers', minimumMb: 2048, value: '2GB', appliedBy: 'restart' },
        current: '128MB',
        pendingRestart: false,
      },
    ]);
  });

  it('leaves a server at or above the minimum as it is', () => {
    expect(settingsToRaise(server({ max_wal_size: { mb: 8192 }, shared_buffers: { mb: 2048 } }))).toEqual([]);
    expect(settingsToRaise(server({ max_wal_size: { mb: 16384 }, shared_buffers: { mb: 4096 } }))).toEqual([]);
  });

  it('leaves a setting the server does not report alone', () => {
    expect(settingsToRaise(new Map())).toEqual([]);
  });

  it('reports a value already set and waiting for a restart as pending', () => {
    const low = settingsToRaise(server({ shared_buffers: { mb: 128, pendingRestart: true } }));
    expect(low).toEqual([{ setting: setting('shared_buffers'), current: '128MB', pendingRestart: true }]);
  });
});

describe(settingsToSet.name, () => {
  it('sets again only what is not already waiting for a restart', () => {
    const low = settingsToRaise(server({ max_wal_size: { mb: 1024 }, shared_buffers: { mb: 128, pendingRestart: true } }));
    expect(settingsToSet(low).map((s) => s.setting.name)).toEqual(['max_wal_size']);
  });

  it('sets a value waiting for a restart again when that value is itself below the minimum', () => {
    const waiting = (mb: number) =>
      settingsToRaise(server({ shared_buffers: { mb: 128, pendingRestart: true, pendingValue: { mb, shown: `${mb}MB` } } }));
    expect(settingsToSet(waiting(1024)).map((s) => s.setting.name)).toEqual(['shared_buffers']);
    expect(settingsToSet(waiting(2048))).toEqual([]);
  });
});

describe(settingMb.name, () => {
  it('reads a value with a unit whatever the setting keeps it in', () => {
    expect(settingMb('2GB', '8kB')).toBe(2048);
    expect(settingMb('512 MB', 'MB')).toBe(512);
    expect(settingMb('1TB', 'MB')).toBe(1024 * 1024);
  });

  it("reads a bare number in the setting's own unit", () => {
    expect(settingMb('262144', '8kB')).toBe(2048);
    expect(settingMb('8192', 'MB')).toBe(8192);
  });

  it('gives nothing for what PostgreSQL would not accept', () => {
    expect(settingMb('lots', 'MB')).toBeUndefined();
    expect(settingMb('2 GiB', 'MB')).toBeUndefined();
    expect(settingMb('2GB', 'ms')).toBeUndefined();
  });
});
