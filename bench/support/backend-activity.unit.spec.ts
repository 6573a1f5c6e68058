import { describe, expect, it } from 'vitest';
import { activityOf, activityShares, BackendActivity } from './backend-activity';

describe(activityOf.name, () => {
  it('tells a running backend from one waiting for its client, a lock, I/O or an internal lock', () => {
    expect(activityOf('active', null)).toBe('running');
    expect(activityOf('idle in transaction', 'Client')).toBe('waiting_for_client');
    expect(activityOf('active', 'Client')).toBe('waiting_for_client');
    expect(activityOf('active', 'Lock')).toBe('row_lock');
    expect(activityOf('active', 'IO')).toBe('io');
    expect(activityOf('active', 'LWLock')).toBe('lwlock');
    expect(activityOf('active', 'IPC')).toBe('other');
  });

  it('does not count a backend idle outside a transaction', () => {
    expect(activityOf('idle', 'Client')).toBeUndefined();
    expect(activityOf(null, null)).toBeUndefined();
  });
});

describe(activityShares.name, () => {
  it('gives each activity its percentage of the backend samples, and the backends busy per sample', () => {
    const counts = new Map<BackendActivity, number>([
      ['running', 6],
      ['waiting_for_client', 3],
      ['row_lock', 1],
    ]);
    expect(activityShares(4, counts)).toEqual({
      samples: 4,
      mean_backends_in_transaction: 2.5,
      percent: { running: 60, waiting_for_client: 30, row_lock: 10, io: 0, lwlock: 0, other: 0 },
    });
  });

  it('reports zeros for a run with no samples', () => {
    expect(activityShares(0, new Map()).percent.running).toBe(0);
    expect(activityShares(0, new Map()).mean_backends_in_transaction).toBe(0);
  });
});
