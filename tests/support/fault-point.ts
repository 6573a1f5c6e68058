import { FAULT_POINT_LOCK_KEY } from '@chronicle/persistence';
import { Client } from 'pg';
import { SqlQuery } from './reference-read-models';
import { waitFor } from './test-environment';

/** Environment that makes every `applyBatchOnce` wait at the fault point while a test holds it. */
export const FAULT_POINT_ENV = { CHRONICLE_FAULT_POINT: 'apply-batch-before-commit' } as const;

/** Tables a batch's effects write: holding a row-exclusive lock on one means effects were written. */
const EFFECT_TABLES = ['articles', 'mentions', 'statements', 'actors', 'actor_sentiment_entries', 'statement_reach', 'outlets'];

/**
 * Holds the fault point: from now on every batch transaction stops after its effects, before its
 * position and commit, until {@link releaseFaultPoint}. Takes the exclusive advisory lock on
 * `holder`'s own session, so it waits for batches already past the point to commit.
 */
export async function holdFaultPoint(holder: Client): Promise<void> {
  await holder.query('SELECT pg_advisory_lock($1)', [FAULT_POINT_LOCK_KEY]);
}

export async function releaseFaultPoint(holder: Client): Promise<void> {
  const [{ released }] = (await holder.query('SELECT pg_advisory_unlock($1) AS released', [FAULT_POINT_LOCK_KEY])).rows;
  if (!released) throw new Error('the fault point was not held by this session');
}

/**
 * Backends of the current database stopped at the fault point with their transaction open and
 * effects written (a granted row-exclusive lock on a read-model table): the moment a kill must
 * roll back effects and position together.
 */
export async function backendsAtFaultPoint(query: SqlQuery): Promise<number[]> {
  const rows = await query<{ pid: number }>(
    `SELECT a.pid FROM pg_stat_activity a
     WHERE a.datname = current_database() AND a.wait_event_type = 'Lock' AND a.wait_event = 'advisory'
       AND a.xact_start IS NOT NULL AND a.query LIKE '%pg_advisory_xact_lock_shared%'
       AND EXISTS (SELECT 1 FROM pg_locks l
                   WHERE l.pid = a.pid AND l.granted AND l.mode = 'RowExclusiveLock' AND l.relation = ANY($1::regclass[]))
     ORDER BY a.pid`,
    [EFFECT_TABLES],
  );
  return rows.map((r) => r.pid);
}

/** Waits until at least one backend is stopped at the fault point with effects written; returns them. */
export async function waitAtFaultPoint(query: SqlQuery, timeoutMs = 60_000): Promise<number[]> {
  return waitFor(() => backendsAtFaultPoint(query), {
    timeoutMs,
    intervalMs: 50,
    until: (pids) => pids.length > 0,
    description: 'a batch transaction stopped at the fault point with its effects written',
  });
}

/** Waits until none of `pids` is connected any more (their transactions rolled back). */
export async function waitUntilGone(query: SqlQuery, pids: readonly number[], timeoutMs = 30_000): Promise<void> {
  await waitFor(
    async () =>
      (await query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1)', [pids]))[0]!.n === 0,
    { timeoutMs, intervalMs: 50, description: `backends ${pids.join(', ')} gone` },
  );
}

/** The server process id of a client's session. */
export async function backendPid(client: Client): Promise<number> {
  return (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
}

/**
 * Which of `pids` hold a lock on `consumer_positions`: a batch transaction takes one with its first
 * statement (it locks its position row before any effect), so one stopped at the fault point
 * without it could not be writing its position in the same transaction.
 */
export async function holdingPositions(query: SqlQuery, pids: readonly number[]): Promise<number[]> {
  const rows = await query<{ pid: number }>(
    `SELECT DISTINCT pid FROM pg_locks WHERE pid = ANY($1) AND granted AND relation = 'consumer_positions'::regclass ORDER BY pid`,
    [pids],
  );
  return rows.map((r) => r.pid);
}

/**
 * Opens a transaction on `locker` and requests `LOCK TABLE consumer_positions IN EXCLUSIVE MODE`:
 * granted once every transaction that wrote or locked a position (`FOR UPDATE` takes ROW SHARE,
 * which SHARE mode would not wait for) has ended, after which no position can be locked or
 * written until `locker` commits; plain reads still pass. Returns once the request is queued (or already
 * granted), with the promise of the grant.
 */
export async function requestPositionsLock(locker: Client, observer: SqlQuery): Promise<{ granted: Promise<void> }> {
  const pid = await backendPid(locker);
  // Repeatable read, and LOCK first: the transaction's snapshot is taken after the lock is granted.
  await locker.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  let settled = false;
  const granted = locker.query('LOCK TABLE consumer_positions IN EXCLUSIVE MODE').then(() => undefined);
  granted.then(
    () => (settled = true),
    () => (settled = true),
  );
  await waitFor(
    async () =>
      settled ||
      (
        await observer<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock' AND wait_event = 'relation'`,
          [pid],
        )
      )[0]!.n === 1,
    { timeoutMs: 10_000, intervalMs: 20, description: 'the lock on consumer_positions queued' },
  );
  return { granted };
}
