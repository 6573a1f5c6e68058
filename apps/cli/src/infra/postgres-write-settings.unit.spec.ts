import { describe, expect, it } from 'vitest';
import { settingsToRaise } from './postgres-write-settings';

describe(settingsToRaise.name, () => {
  it("raises max_wal_size from PostgreSQL's default 1 GB to 8 GB", () => {
    expect(settingsToRaise(new Map([['max_wal_size', { mb: 1024, shown: '1GB' }]]))).toEqual([
      { setting: { name: 'max_wal_size', minimumMb: 8192, value: '8GB' }, current: '1GB' },
    ]);
  });

  it('leaves a server at or above the minimum as it is', () => {
    expect(settingsToRaise(new Map([['max_wal_size', { mb: 8192, shown: '8GB' }]]))).toEqual([]);
    expect(settingsToRaise(new Map([['max_wal_size', { mb: 16384, shown: '16GB' }]]))).toEqual([]);
  });

  it('leaves a setting the server does not report alone', () => {
    expect(settingsToRaise(new Map())).toEqual([]);
  });
});
