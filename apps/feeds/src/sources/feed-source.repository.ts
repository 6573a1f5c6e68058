import { DataSource } from 'typeorm';

/**
 * `active`: the last poll worked. `failing`: it failed (`lastError` says why; retried with backoff).
 * `deferred`: the server asked to wait (429 or 503 with Retry-After; `lastError` holds its answer).
 * `paused`: an operator stopped it.
 */
export type FeedSourceStatus = 'active' | 'failing' | 'deferred' | 'paused';

/** A feed source as stored. Times are ISO 8601. */
export interface FeedSource {
  id: string;
  url: string;
  outlet: string | null;
  /** The current poll interval: seeded when the source is added, then adapted to how often it publishes. */
  intervalSeconds: number;
  status: FeedSourceStatus;
  etag: string | null;
  lastModified: string | null;
  nextPollAt: string;
  lastPolledAt: string | null;
  lastNewEntryAt: string | null;
  entriesSeen: number;
  consecutiveFailures: number;
  lastError: string | null;
  /** Entries filed with only the feed's summary (their page had no main text) or skipped, in all. */
  entryProblems: number;
  /** The last such entry and why. */
  lastEntryProblem: string | null;
  createdAt: string;
}

/** What a poll ends with, as the repository writes it (the schedule is decided by the caller). */
export type PollRecord =
  | {
      kind: 'success';
      /** New validators; `undefined` keeps the stored ones (a 304). */
      etag?: string | null;
      lastModified?: string | null;
      intervalSeconds: number;
      nextPollAt: Date;
      newEntries: number;
      /** Entries of this poll kept with their summary only or skipped, and the last reason. */
      entryProblems: number;
      lastEntryProblem?: string;
    }
  | { kind: 'failure'; error: string; nextPollAt: Date }
  /** The server asked to wait (429, Retry-After): neither a success nor a failure. */
  | { kind: 'deferred'; reason: string; nextPollAt: Date };

interface Row {
  id: string;
  url: string;
  outlet: string | null;
  interval_seconds: number;
  status: FeedSourceStatus;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: Date;
  last_polled_at: Date | null;
  last_new_entry_at: Date | null;
  entries_seen: string;
  consecutive_failures: number;
  last_error: string | null;
  entry_problems: string;
  last_entry_problem: string | null;
  created_at: Date;
}

const COLUMNS =
  'id, url, outlet, interval_seconds, status, etag, last_modified, next_poll_at, last_polled_at, last_new_entry_at, entries_seen, consecutive_failures, last_error, entry_problems, last_entry_problem, created_at';

function toSource(row: Row): FeedSource {
  return {
    id: row.id,
    url: row.url,
    outlet: row.outlet,
    intervalSeconds: row.interval_seconds,
    status: row.status,
    etag: row.etag,
    lastModified: row.last_modified,
    nextPollAt: row.next_poll_at.toISOString(),
    lastPolledAt: row.last_polled_at?.toISOString() ?? null,
    lastNewEntryAt: row.last_new_entry_at?.toISOString() ?? null,
    entriesSeen: Number(row.entries_seen),
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    entryProblems: Number(row.entry_problems),
    lastEntryProblem: row.last_entry_problem,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * The rows of a query. TypeORM's Postgres driver answers UPDATE and DELETE with `[rows, rowCount]`
 * and everything else with the rows.
 */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}

/** Anything that runs SQL: a DataSource, or a QueryRunner inside a transaction. */
export type Queryable = Pick<DataSource, 'query'>;

/** Feed sources and the entries submitted from each, in raw SQL. Methods are named by intent. */
export class FeedSourceRepository {
  constructor(private readonly db: Queryable) {}

  /** Adds sources, due at once; a URL already present is left as it is. Returns the added ones. */
  async add(sources: Array<{ id: string; url: string; outlet: string | null; intervalSeconds: number }>): Promise<FeedSource[]> {
    if (sources.length === 0) return [];
    const rows = rowsOf<Row>(
      await this.db.query(
        `INSERT INTO feed_sources (id, url, outlet, interval_seconds)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[])
       ON CONFLICT (url) DO NOTHING
       RETURNING ${COLUMNS}`,
        [
          sources.map((s) => s.id),
          sources.map((s) => s.url),
          sources.map((s) => s.outlet),
          sources.map((s) => s.intervalSeconds),
        ],
      ),
    );
    return rows.map(toSource);
  }

  async list(): Promise<FeedSource[]> {
    const rows = rowsOf<Row>(await this.db.query(`SELECT ${COLUMNS} FROM feed_sources ORDER BY created_at, url`));
    return rows.map(toSource);
  }

  async findById(id: string): Promise<FeedSource | null> {
    const rows = rowsOf<Row>(await this.db.query(`SELECT ${COLUMNS} FROM feed_sources WHERE id = $1`, [id]));
    return rows[0] ? toSource(rows[0]) : null;
  }

  async findByUrl(url: string): Promise<FeedSource | null> {
    const rows = rowsOf<Row>(await this.db.query(`SELECT ${COLUMNS} FROM feed_sources WHERE url = $1`, [url]));
    return rows[0] ? toSource(rows[0]) : null;
  }

  /**
   * Changes a source's outlet, interval or paused state. Pausing or resuming also clears the failure
   * streak, and resuming makes it due at once. Returns null for an unknown id.
   */
  async update(
    id: string,
    patch: { outlet?: string | null; intervalSeconds?: number; paused?: boolean },
  ): Promise<FeedSource | null> {
    const rows = rowsOf<Row>(
      await this.db.query(
        `UPDATE feed_sources SET
         outlet = CASE WHEN $2 THEN $3 ELSE outlet END,
         interval_seconds = COALESCE($4, interval_seconds),
         status = CASE WHEN $5::boolean IS NULL THEN status WHEN $5 THEN 'paused' ELSE 'active' END,
         consecutive_failures = CASE WHEN $5::boolean IS NULL THEN consecutive_failures ELSE 0 END,
         next_poll_at = CASE WHEN $5 = false AND status = 'paused' THEN now() ELSE next_poll_at END
       WHERE id = $1
       RETURNING ${COLUMNS}`,
        [id, patch.outlet !== undefined, patch.outlet ?? null, patch.intervalSeconds ?? null, patch.paused ?? null],
      ),
    );
    return rows[0] ? toSource(rows[0]) : null;
  }

  /** Removes a source and what it has seen. Returns whether it existed. */
  async remove(id: string): Promise<boolean> {
    const rows = rowsOf<unknown>(await this.db.query('DELETE FROM feed_sources WHERE id = $1 RETURNING id', [id]));
    return rows.length > 0;
  }

  /** Makes a source due now (`chronicle feeds poll`). Returns whether it exists. */
  async pollSoon(id: string): Promise<boolean> {
    const rows = rowsOf<unknown>(
      await this.db.query('UPDATE feed_sources SET next_poll_at = now() WHERE id = $1 RETURNING id', [id]),
    );
    return rows.length > 0;
  }

  /**
   * Claims up to `limit` due sources for `replica` for `leaseSeconds`. `SKIP LOCKED` lets replicas
   * claim at the same time without waiting on each other, and the claim itself keeps a source from
   * being claimed again until it is released by `recordPoll` or its lease runs out (a crashed replica).
   */
  async claimDue(replica: string, limit: number, leaseSeconds: number): Promise<FeedSource[]> {
    const rows = rowsOf<Row>(
      await this.db.query(
        `UPDATE feed_sources SET claimed_by = $1, claimed_until = now() + make_interval(secs => $3)
       WHERE id IN (
         SELECT id FROM feed_sources
         WHERE status <> 'paused' AND next_poll_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY next_poll_at
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
        [replica, limit, leaseSeconds],
      ),
    );
    return rows.map(toSource).sort((a, b) => a.nextPollAt.localeCompare(b.nextPollAt));
  }

  /** Releases every claim `replica` holds, due again at once (shutdown). */
  async releaseClaims(replica: string): Promise<void> {
    await this.db.query('UPDATE feed_sources SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = $1', [replica]);
  }

  /**
   * Records how a poll ended and releases the claim, if `replica` still holds it (a poll that
   * outlived its lease writes nothing: another replica owns the source now). A failure makes the
   * source `failing` with its error, a Retry-After makes it `deferred` with the server's answer, and a
   * success makes it `active` again. A paused source stays paused.
   */
  async recordPoll(id: string, replica: string, record: PollRecord): Promise<void> {
    const success = record.kind === 'success';
    const failure = record.kind === 'failure';
    const deferred = record.kind === 'deferred';
    await this.db.query(
      `UPDATE feed_sources SET
         claimed_by = NULL,
         claimed_until = NULL,
         last_polled_at = now(),
         next_poll_at = $3,
         status = CASE WHEN status = 'paused' THEN status WHEN $4 THEN 'active' WHEN $5 THEN 'failing' WHEN $12 THEN 'deferred' ELSE status END,
         consecutive_failures = CASE WHEN $4 THEN 0 WHEN $5 THEN consecutive_failures + 1 ELSE consecutive_failures END,
         last_error = CASE WHEN $4 THEN NULL WHEN $5 OR $12 THEN $6 ELSE last_error END,
         entry_problems = entry_problems + $13,
         last_entry_problem = COALESCE($14, last_entry_problem),
         etag = CASE WHEN $7 THEN $8 ELSE etag END,
         last_modified = CASE WHEN $7 THEN $9 ELSE last_modified END,
         interval_seconds = COALESCE($10, interval_seconds),
         entries_seen = entries_seen + $11,
         last_new_entry_at = CASE WHEN $11 > 0 THEN now() ELSE last_new_entry_at END
       WHERE id = $1 AND claimed_by = $2`,
      [
        id,
        replica,
        record.nextPollAt,
        success,
        failure,
        failure ? record.error : deferred ? record.reason : null,
        success && record.etag !== undefined,
        success ? (record.etag ?? null) : null,
        success ? (record.lastModified ?? null) : null,
        success ? record.intervalSeconds : null,
        success ? record.newEntries : 0,
        deferred,
        success ? record.entryProblems : 0,
        success ? (record.lastEntryProblem ?? null) : null,
      ],
    );
  }

  /** Of `guids`, those not yet submitted from this source. */
  async unseen(sourceId: string, guids: string[]): Promise<Set<string>> {
    if (guids.length === 0) return new Set();
    const rows = rowsOf<{ guid: string }>(
      await this.db.query('SELECT guid FROM feed_entries_seen WHERE source_id = $1 AND guid = ANY($2::text[])', [
        sourceId,
        guids,
      ]),
    );
    const seen = new Set(rows.map((row) => row.guid));
    return new Set(guids.filter((guid) => !seen.has(guid)));
  }

  /** Remembers entries as submitted (or as never to submit), so the next polls skip them. */
  async markSeen(sourceId: string, guids: string[]): Promise<void> {
    if (guids.length === 0) return;
    await this.db.query(`INSERT INTO feed_entries_seen (source_id, guid) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [
      sourceId,
      guids,
    ]);
  }
}
