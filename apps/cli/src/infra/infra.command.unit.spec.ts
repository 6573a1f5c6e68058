import { describe, expect, it } from 'vitest';
import { describeWriteSettings } from './infra.command';
import { settingsToRaise } from './postgres-write-settings';

describe(describeWriteSettings.name, () => {
  const low = settingsToRaise(new Map([['max_wal_size', { mb: 1024, shown: '1GB' }]]));

  it('says what it raised when asked to tune the server', () => {
    expect(describeWriteSettings(low, true)).toEqual(['            raised max_wal_size 1GB → 8GB (ALTER SYSTEM, reloaded)']);
  });

  it('names the setting and the flag that raises it when not asked', () => {
    const lines = describeWriteSettings(low, false).join('\n');
    expect(lines).toContain('max_wal_size 1GB → 8GB');
    expect(lines).toContain('chronicle infra up --tune-postgres');
  });

  it('says nothing of a server that needs no change', () => {
    expect(describeWriteSettings([], false)).toEqual([]);
    expect(describeWriteSettings([], true)).toEqual([]);
  });
});
