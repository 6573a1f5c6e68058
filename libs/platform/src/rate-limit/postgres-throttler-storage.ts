import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { Pool } from 'pg';

/** `application_name` of the counters' database sessions. */
export const RATE_LIMIT_APPLICATION_NAME = 'chronicle-rate-limits';

/** How often one replica deletes counters whose window and block are both over. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * One hit, atomically: a fixed window that starts at the key's first hit. The row is locked by
 * the upsert, so concurrent hits from any number of replicas are counted exactly. Times come
 * from the database clock, so replicas with skewed clocks agree on the window.
 *
 * - Blocked (`blocked_until` ahead): nothing changes; the hit is refused.
 * - Window over, or a block just ended: a new window with this hit as its first.
 * - Otherwise the hit is counted; the one that goes over `limit` starts a block of
 *   `blockDuration` ms (or to the window's end when `blockDuration` is 0).
 *
 * $1 throttler, $2 key, $3 ttl ms, $4 limit, $5 blockDuration ms.
 */
const INCREMENT_SQL = `
  INSERT INTO rate_limit_hits AS h (throttler, key, hits, window_ends_at, blocked_until)
  VALUES (
    $1, $2, 1,
    statement_timestamp() + $3::bigint * interval '1 millisecond',
    CASE WHEN 1 > $4::int THEN statement_timestamp() + (CASE WHEN $5::bigint > 0 THEN $5::bigint ELSE $3::bigint END) * interval '1 millisecond' END
  )
  ON CONFLICT (throttler, key) DO UPDATE SET
    hits = CASE
      WHEN h.blocked_until > statement_timestamp() THEN h.hits
      WHEN h.blocked_until IS NOT NULL OR h.window_ends_at <= statement_timestamp() THEN 1
      ELSE h.hits + 1 END,
    window_ends_at = CASE
      WHEN h.blocked_until > statement_timestamp() THEN h.window_ends_at
      WHEN h.blocked_until IS NOT NULL OR h.window_ends_at <= statement_timestamp() THEN EXCLUDED.window_ends_at
      ELSE h.window_ends_at END,
    blocked_until = CASE
      WHEN h.blocked_until > statement_timestamp() THEN h.blocked_until
      WHEN h.blocked_until IS NOT NULL OR h.window_ends_at <= statement_timestamp() THEN EXCLUDED.blocked_until
      WHEN h.hits + 1 > $4::int AND $5::bigint > 0 THEN statement_timestamp() + $5::bigint * interval '1 millisecond'
      WHEN h.hits + 1 > $4::int THEN h.window_ends_at
      END
  RETURNING hits,
    ceil(extract(epoch FROM window_ends_at - statement_timestamp()))::int AS "secondsToExpire",
    ceil(extract(epoch FROM coalesce(blocked_until, statement_timestamp()) - statement_timestamp()))::int AS "secondsToUnblock"`;

/** Counters whose window and block are both over; deleting one only gives its key a fresh window. */
const SWEEP_SQL = `
  DELETE FROM rate_limit_hits
  WHERE window_ends_at < statement_timestamp() AND (blocked_until IS NULL OR blocked_until < statement_timestamp())`;

/** What `increment` resolves to (the package does not export the type from its entry point). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface IncrementRow {
  hits: number;
  secondsToExpire: number;
  secondsToUnblock: number;
}

/**
 * `@nestjs/throttler` storage in Postgres (`rate_limit_hits`), so every replica of a service
 * shares each key's counts. Over its own small pg pool rather than TypeORM, so ingest (which has
 * no DataSource) counts the same way. Times in the returned record are whole seconds, as the
 * guard expects.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(PostgresThrottlerStorage.name);
  private lastSweepAt = Date.now();
  private sweeping: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  /** Takes ownership of `pool`: {@link close} ends it. */
  constructor(private readonly pool: Pool) {
    // An idle connection dropped by the server (restart, outage) is an 'error' event on the pool; unheard, it
    // would end the process. The pool discards that client; the next count reconnects or fails open.
    pool.on('error', () => undefined);
  }

  /**
   * A storage with its own pool; connects on first use, so a service starts even while Postgres is
   * down. Short timeouts: a request waits on its count, and the guard lets it through on an error.
   */
  static connect(url: string, max = 4): PostgresThrottlerStorage {
    return new PostgresThrottlerStorage(
      new Pool({
        connectionString: url,
        max,
        // Named, so an operator (or a test) can tell these sessions from the service's read-model writes.
        application_name: RATE_LIMIT_APPLICATION_NAME,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: 2_000,
        statement_timeout: 2_000,
      }),
    );
  }

  /**
   * Counts one hit for `key` under `throttlerName` and reports the window's state.
   * @param ttl window length in ms
   * @param blockDuration how long (ms) a key over `limit` is refused; 0 refuses it to the window's end
   */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const { rows } = await this.pool.query<IncrementRow>(INCREMENT_SQL, [
      throttlerName,
      key,
      Math.ceil(ttl),
      Math.floor(limit),
      Math.ceil(blockDuration),
    ]);
    const { hits, secondsToExpire, secondsToUnblock } = rows[0]!;
    this.sweepNowAndThen();
    const isBlocked = secondsToUnblock > 0;
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, secondsToExpire),
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsToUnblock : 0,
    };
  }

  /** Deletes finished counters now; the storage also does this by itself about once a minute. */
  async sweep(): Promise<number> {
    return (await this.pool.query(SWEEP_SQL)).rowCount ?? 0;
  }

  /**
   * Waits for a running sweep, then ends the pool. Idempotent: Nest also knows this instance as
   * the `ThrottlerStorage`, so it shuts it down twice.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.sweeping;
      await this.pool.end();
    })();
    return this.closing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** Piggybacks on traffic rather than a timer: an idle replica does no work. */
  private sweepNowAndThen(): void {
    const now = Date.now();
    if (this.sweeping || now - this.lastSweepAt < SWEEP_INTERVAL_MS) return;
    this.lastSweepAt = now;
    this.sweeping = this.sweep()
      .then(() => undefined)
      .catch((error: unknown) => {
        // Not fatal to the request that triggered it: stale rows only cost space until the next sweep.
        this.logger.warn(`Sweeping rate_limit_hits failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        this.sweeping = undefined;
      });
  }
}
