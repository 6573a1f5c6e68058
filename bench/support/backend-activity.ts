import { Client } from 'pg';

/**
 * What one client backend of the measured database was doing when sampled (`pg_stat_activity`):
 * - `running`: executing, not waiting on anything (on a core, or runnable);
 * - `waiting_for_client`: inside a transaction, waiting on the application: for its next statement or COPY data, or
 *   for it to read results (the client is the bottleneck: busy with other work, or in a round trip);
 * - `row_lock`: waiting for another transaction's row or transaction lock (hot rows serialise their writers);
 * - `io`: reading or writing a data file or the WAL (a backend evicting dirty buffers itself writes here);
 * - `lwlock`: waiting on an internal lock (buffer mapping, WAL insertion, the checkpointer's request queue);
 * - `other`: any other wait.
 * A backend idle outside a transaction is not counted.
 */
export type BackendActivity = 'running' | 'waiting_for_client' | 'row_lock' | 'io' | 'lwlock' | 'other';

const ACTIVITIES: readonly BackendActivity[] = ['running', 'waiting_for_client', 'row_lock', 'io', 'lwlock', 'other'];

export function activityOf(state: string | null, waitEventType: string | null): BackendActivity | undefined {
  if (state === 'idle in transaction' || state === 'idle in transaction (aborted)') return 'waiting_for_client';
  if (state !== 'active') return undefined;
  switch (waitEventType) {
    case null:
      return 'running';
    case 'Client':
      return 'waiting_for_client';
    case 'Lock':
      return 'row_lock';
    case 'IO':
      return 'io';
    case 'LWLock':
      return 'lwlock';
    default:
      return 'other';
  }
}

/** A run's samples: how many backends were busy on average, and the percentage of backend samples per activity. */
export interface BackendActivityShares {
  samples: number;
  mean_backends_in_transaction: number;
  percent: Record<BackendActivity, number>;
}

export function activityShares(samples: number, counts: ReadonlyMap<BackendActivity, number>): BackendActivityShares {
  const total = ACTIVITIES.reduce((sum, a) => sum + (counts.get(a) ?? 0), 0);
  const percent = (a: BackendActivity) => (total === 0 ? 0 : Math.round(((counts.get(a) ?? 0) * 1000) / total) / 10);
  return {
    samples,
    mean_backends_in_transaction: samples === 0 ? 0 : Math.round((total / samples) * 100) / 100,
    percent: Object.fromEntries(ACTIVITIES.map((a) => [a, percent(a)])) as Record<BackendActivity, number>,
  };
}

/**
 * Samples what the client backends connected to `database` are doing, every `everyMs`, until stopped: where a
 * write path's time goes on the server's side (running, waiting for the client, for row locks, for I/O).
 */
export async function sampleBackendActivity(
  url: string,
  database: string,
  everyMs = 250,
): Promise<{ stop(): Promise<BackendActivityShares> }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const counts = new Map<BackendActivity, number>();
  let samples = 0;
  let pending: Promise<void> = Promise.resolve();
  let sampling = false;
  const sample = async () => {
    const { rows } = await client.query<{ state: string | null; wait_event_type: string | null }>(
      `SELECT state, wait_event_type FROM pg_stat_activity
       WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      [database],
    );
    samples += 1;
    for (const row of rows) {
      const activity = activityOf(row.state, row.wait_event_type);
      if (activity) counts.set(activity, (counts.get(activity) ?? 0) + 1);
    }
  };
  const timer = setInterval(() => {
    if (sampling) return; // a slow sample skips a tick rather than queueing
    sampling = true;
    pending = sample().finally(() => (sampling = false));
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      await client.end();
      return activityShares(samples, counts);
    },
  };
}
