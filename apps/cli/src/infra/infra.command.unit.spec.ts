import { describe, expect, it } from 'vitest';
import { describeWriteSettings } from './infra.command';
import { settingsToRaise } from './postgres-write-settings';

describe(describeWriteSettings.name, () => {
  const defaults = settingsToRaise(
    new Map([
      ['max_wal_size', { mb: 1024, shown: '1GB', pendingRestart: false }],
      ['shared_buffers', { mb: 128, shown: '128MB', pendingRestart: false }],
    ]),
  );
  const walOnly = defaults.filter((s) => s.setting.name === 'max_wal_size');

  it('says what it raised by a reload and what waits for a restart when asked to tune the server', () => {
    expect(describeWriteSettings(defaults, true)).toEqual([
      '            raised max_wal_size 1GB → 8GB (ALTER SYSTEM, reloaded)',
      '            set shared_buffers 128MB → 2GB (ALTER SYSTEM): restart PostgreSQL to apply it',
    ]);
    expect(describeWriteSettings(walOnly, true)).toEqual(['            raised max_wal_size 1GB → 8GB (ALTER SYSTEM, reloaded)']);
  });

  it('names the settings and the flag that sets them when not asked', () => {
    const lines = describeWriteSettings(defaults, false).join('\n');
    expect(lines).toContain('max_wal_size 1GB → 8GB, shared_buffers 128MB → 2GB');
    expect(lines).toContain('`chronicle infra up --tune-postgres` sets them (shared_buffers at the next restart)');
  });

  it('says a value already set waits for a restart, and does not offer the flag for it', () => {
    const pending = defaults.map((s) => (s.setting.name === 'shared_buffers' ? { ...s, pendingRestart: true } : s));
    const lines = describeWriteSettings(pending, false);
    expect(lines.join('\n')).toContain('max_wal_size 1GB → 8GB (README, Performance)');
    expect(lines).toContain('            `chronicle infra up --tune-postgres` sets it');
    expect(lines.at(-1)).toBe('            shared_buffers 128MB: a new value is set and waits for a PostgreSQL restart');
  });

  it('names the value that waits for a restart, and offers the flag again when that value is too low', () => {
    const waiting = (mb: number, shown: string) =>
      settingsToRaise(
        new Map([['shared_buffers', { mb: 128, shown: '128MB', pendingRestart: true, pendingValue: { mb, shown } }]]),
      );
    expect(describeWriteSettings(waiting(4096, '4GB'), false)).toEqual([
      '            shared_buffers 128MB → 4GB is set and waits for a PostgreSQL restart',
    ]);
    const low = describeWriteSettings(waiting(1024, '1GB'), false).join('\n');
    expect(low).toContain('shared_buffers 128MB → 2GB (README, Performance)');
    expect(low).not.toContain('waits for a PostgreSQL restart');
  });

  it('says nothing of a server that needs no change', () => {
    expect(describeWriteSettings([], false)).toEqual([]);
    expect(describeWriteSettings([], true)).toEqual([]);
  });
});
