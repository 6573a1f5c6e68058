import { DataSource, QueryFailedError } from 'typeorm';

/**
 * How long a claim holds without a heartbeat. Whoever runs a rebuild renews it every third of
 * this; a claim older than this belongs to a process that died (or lost the database), and
 * another replica may take the request over. Compared with the database's clock only.
 */
export const REBUILD_LEASE_SECONDS = 30;

/** A rebuild request as whoever carries it out sees it. */
export interface ClaimedRebuild {
  id: string;
  projection: string;
  requestedBy: string;
  /** How many times it has been claimed, this claim included (more than one: taken over). */
  attempts: number;
}

/** The unfinished rebuild a new request collided with. */
export interface UnfinishedRebuild {
  id: string;
  projection: string;
  requestedBy: string;
  requestedAt: Date;
  claimedBy: string | null;
}

/** Another rebuild is unfinished; the partial unique index on `projection_rebuilds` allows one. */
export class RebuildAlreadyRequestedError extends Error {
  constructor(readonly running: UnfinishedRebuild | undefined) {
    super(
      running
        ? `rebuild ${running.id} of "${running.projection}" (requested by ${running.requestedBy} at ${running.requestedAt.toISOString()}) is not finished`
        : 'another rebuild is not finished',
    );
    this.name = 'RebuildAlreadyRequestedError';
  }
}

interface ClaimedRow {
  id: string;
  projection: string;
  requested_by: string;
  attempts: number;
}

const claimed = (row: ClaimedRow): ClaimedRebuild => ({
  id: row.id,
  projection: row.projection,
  requestedBy: row.requested_by,
  attempts: row.attempts,
});

/** `projection_rebuilds` for the processes that carry rebuilds out: the project service's worker and `chronicle replay`. */
export class RebuildRequestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records a request for the project service to carry out, or throws
   * {@link RebuildAlreadyRequestedError} naming the unfinished one.
   */
  async request(projection: string, requestedBy: string, requestedByKey: string | null): Promise<ClaimedRebuild> {
    return this.insert(
      `INSERT INTO projection_rebuilds (projection, requested_by, requested_by_key) VALUES ($1, $2, $3)
       RETURNING id, projection, requested_by, attempts`,
      [projection, requestedBy, requestedByKey],
    );
  }

  /** Records a request that `worker` carries out itself, claimed at once (`chronicle replay`). */
  async requestClaimed(projection: string, requestedBy: string, worker: string): Promise<ClaimedRebuild> {
    return this.insert(
      `INSERT INTO projection_rebuilds (projection, requested_by, claimed_by, heartbeat_at, started_at, attempts)
       VALUES ($1, $2, $3, now(), now(), 1)
       RETURNING id, projection, requested_by, attempts`,
      [projection, requestedBy, worker],
    );
  }

  /** The rows an `UPDATE … RETURNING` returned (TypeORM answers updates with `[rows, count]`). */
  private async update<T = unknown>(sql: string, params: unknown[]): Promise<T[]> {
    const [rows] = await this.dataSource.query<[T[], number]>(sql, params);
    return rows;
  }

  private async insert(sql: string, params: unknown[]): Promise<ClaimedRebuild> {
    try {
      const [row] = await this.dataSource.query<ClaimedRow[]>(sql, params);
      return claimed(row!);
    } catch (error) {
      if (!isUniqueViolation(error, 'projection_rebuilds_one_unfinished')) throw error;
      throw new RebuildAlreadyRequestedError(await this.unfinished());
    }
  }

  /** The unfinished rebuild, if any (at most one: the partial unique index). */
  async unfinished(): Promise<UnfinishedRebuild | undefined> {
    const [row] = await this.dataSource.query<
      Array<{ id: string; projection: string; requested_by: string; requested_at: Date; claimed_by: string | null }>
    >('SELECT id, projection, requested_by, requested_at, claimed_by FROM projection_rebuilds WHERE finished_at IS NULL');
    return row
      ? {
          id: row.id,
          projection: row.projection,
          requestedBy: row.requested_by,
          requestedAt: row.requested_at,
          claimedBy: row.claimed_by,
        }
      : undefined;
  }

  /** Rebuilds, newest request first: who asked for which, when, who ran it and how it ended. */
  async history(limit: number): Promise<RebuildRecord[]> {
    const rows = await this.dataSource.query<RebuildRow[]>(
      'SELECT * FROM projection_rebuilds ORDER BY requested_at DESC, id LIMIT $1',
      [limit],
    );
    return rows.map(record);
  }

  async find(id: string): Promise<RebuildRecord | undefined> {
    const [row] = await this.dataSource.query<RebuildRow[]>('SELECT * FROM projection_rebuilds WHERE id = $1', [id]);
    return row ? record(row) : undefined;
  }

  /**
   * Claims the oldest request nobody holds: unclaimed, or claimed by a process whose heartbeat
   * stopped. `SKIP LOCKED` makes concurrent replicas pass over a row another one is claiming,
   * and the claim's own `WHERE` is re-checked on the row it locks, so exactly one takes it.
   */
  async claimNext(worker: string): Promise<ClaimedRebuild | undefined> {
    const [row] = await this.update<ClaimedRow>(
      `UPDATE projection_rebuilds
          SET claimed_by = $1, heartbeat_at = now(), started_at = now(), attempts = attempts + 1
        WHERE id = (
          SELECT id FROM projection_rebuilds
           WHERE finished_at IS NULL
             AND (claimed_by IS NULL OR heartbeat_at < now() - make_interval(secs => $2))
           ORDER BY requested_at
           LIMIT 1
           FOR UPDATE SKIP LOCKED)
        RETURNING id, projection, requested_by, attempts`,
      [worker, REBUILD_LEASE_SECONDS],
    );
    return row ? claimed(row) : undefined;
  }

  /** Renews the claim; false when it is no longer this worker's (taken over, or finished). */
  async renew(id: string, worker: string): Promise<boolean> {
    const rows = await this.update(
      'UPDATE projection_rebuilds SET heartbeat_at = now() WHERE id = $1 AND claimed_by = $2 AND finished_at IS NULL RETURNING id',
      [id, worker],
    );
    return rows.length === 1;
  }

  /** The version being built, once the rebuild has numbered it. */
  async recordVersion(id: string, worker: string, version: number): Promise<void> {
    await this.dataSource.query('UPDATE projection_rebuilds SET version = $3 WHERE id = $1 AND claimed_by = $2', [
      id,
      worker,
      version,
    ]);
  }

  /** Records the outcome, unless the claim has passed to another worker meanwhile; false then. */
  async finish(id: string, worker: string, outcome: { succeeded: true } | { succeeded: false; error: string }): Promise<boolean> {
    const rows = await this.update(
      `UPDATE projection_rebuilds SET finished_at = now(), outcome = $3, error = $4
        WHERE id = $1 AND claimed_by = $2 AND finished_at IS NULL RETURNING id`,
      [id, worker, outcome.succeeded ? 'succeeded' : 'failed', outcome.succeeded ? null : outcome.error],
    );
    return rows.length === 1;
  }

  /** Gives the claim up (this process is stopping), so another replica starts the rebuild again at once. */
  async release(id: string, worker: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE projection_rebuilds SET claimed_by = NULL, heartbeat_at = NULL WHERE id = $1 AND claimed_by = $2 AND finished_at IS NULL',
      [id, worker],
    );
  }
}

/** One rebuild as the audit shows it. */
export interface RebuildRecord {
  id: string;
  projection: string;
  requestedBy: string;
  requestedByKey: string | null;
  requestedAt: string;
  /** `requested` (waiting for a project replica), `running`, or the outcome. */
  status: 'requested' | 'running' | 'succeeded' | 'failed';
  claimedBy: string | null;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  version: number | null;
  error: string | null;
}

interface RebuildRow {
  id: string;
  projection: string;
  requested_by: string;
  requested_by_key: string | null;
  requested_at: Date;
  claimed_by: string | null;
  attempts: number;
  started_at: Date | null;
  finished_at: Date | null;
  version: number | null;
  outcome: 'succeeded' | 'failed' | null;
  error: string | null;
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

const record = (row: RebuildRow): RebuildRecord => ({
  id: row.id,
  projection: row.projection,
  requestedBy: row.requested_by,
  requestedByKey: row.requested_by_key,
  requestedAt: new Date(row.requested_at).toISOString(),
  status: row.outcome ?? (row.claimed_by ? 'running' : 'requested'),
  claimedBy: row.claimed_by,
  attempts: row.attempts,
  startedAt: iso(row.started_at),
  finishedAt: iso(row.finished_at),
  version: row.version,
  error: row.error,
});

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
