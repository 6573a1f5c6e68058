import { Client } from 'pg';

/** The server's WAL and checkpoint counters at one moment (`pg_stat_wal`, `pg_stat_bgwriter`; cluster-wide). */
export interface WalCounters {
  bytes: number;
  fullPageImages: number;
  checkpointsRequested: number;
  checkpointsTimed: number;
}

/**
 * What the server wrote to its WAL between two readings, as a bench reports it. The counters are the whole
 * server's, so the figures are a run's own only when nothing else writes meanwhile (benches run one at a time).
 * A checkpoint `requested` mid-run is one forced by `max_wal_size`; after each, the first change to every page
 * writes the whole page to the WAL again (`full_page_images`), which is what makes a small `max_wal_size` costly
 * for a write load that touches pages all over its indexes.
 */
export interface WalActivity {
  wal_mb: number;
  full_page_images: number;
  checkpoints_requested: number;
  checkpoints_timed: number;
}

export async function walCounters(url: string): Promise<WalCounters> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<keyof WalCounters, string>>(
      // Bytes from the WAL position (exact at once); the counters as the server last flushed them (within a second).
      `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') AS "bytes", w.wal_fpi AS "fullPageImages",
              b.checkpoints_req AS "checkpointsRequested", b.checkpoints_timed AS "checkpointsTimed"
       FROM pg_stat_wal w, pg_stat_bgwriter b`,
    );
    const row = rows[0]!;
    return {
      bytes: Number(row.bytes),
      fullPageImages: Number(row.fullPageImages),
      checkpointsRequested: Number(row.checkpointsRequested),
      checkpointsTimed: Number(row.checkpointsTimed),
    };
  } finally {
    await client.end();
  }
}

export function walActivity(before: WalCounters, after: WalCounters): WalActivity {
  return {
    wal_mb: Math.round((after.bytes - before.bytes) / 2 ** 20),
    full_page_images: after.fullPageImages - before.fullPageImages,
    checkpoints_requested: after.checkpointsRequested - before.checkpointsRequested,
    checkpoints_timed: after.checkpointsTimed - before.checkpointsTimed,
  };
}
