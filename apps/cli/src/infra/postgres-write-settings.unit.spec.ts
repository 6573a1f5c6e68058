import { describe, expect, it } from 'vitest';
import { formatMb, settingsToRaise } from './postgres-write-settings';

describe(settingsToRaise.name, () => {
  it("raises max_wal_size from PostgreSQL's default 1 GB to 8 GB", () => {
    expect(settingsToRaise(new Map([['max_wal_size', 1024]]))).toEqual([
      { setting: { name: 'max_wal_size', minimumMb: 8192, value: '8GB' }, currentMb: 1024 },
    ]);
  });

  it('leaves a server at or above the minimum as it is', () => {
    expect(settingsToRaise(new Map([['max_wal_size', 8192]]))).toEqual([]);
    expect(settingsToRaise(new Map([['max_wal_size', 16384]]))).toEqual([]);
  });

  it('leaves a setting the server does not report alone', () => {
    expect(settingsToRaise(new Map())).toEqual([]);
  });
});

describe(formatMb.name, () => {
  it('prints whole gigabytes as GB and the rest as MB', () => {
    expect(formatMb(1024)).toBe('1GB');
    expect(formatMb(8192)).toBe('8GB');
    expect(formatMb(1536)).toBe('1536MB');
  });
});
