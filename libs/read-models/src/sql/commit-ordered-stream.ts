/**
 * Streams read by polling a table whose rows carry `xact_id` (the inserting transaction, `current_xact_id_bigint()`)
 * and `seq` (drawn from a sequence at insert). `seq` alone is not a safe cursor: positions are drawn when rows are
 * inserted, not when they commit, so a reader could pass a lower position whose transaction had not committed yet
 * and never see that row. Read instead in (`xact_id`, `seq`) order, and only rows of transactions older than every
 * transaction still running: those are committed (or gone) for good, and any row committed later has a larger
 * `xact_id`, so it sorts after everything already read. A long transaction anywhere in the cluster holds the
 * stream back until it ends; nothing is lost.
 */

/** `<xact_id>.<seq>`, or a bare `<seq>` (a position from before positions had a transaction part; `0`: the start). */
export const STREAM_POSITION = /^(?:\d{1,19}\.)?\d{1,18}$/;

/**
 * The SQL conditions for rows of `alias` after `position` (parsed, its values added with `add`) that are settled,
 * the order to read them in, and the expression of each row's own position.
 */
export function streamAfter(
  alias: string,
  position: string,
  add: (value: string) => string,
): { conditions: string[]; orderBy: string; position: string } {
  const [xactId, seq] = position.includes('.') ? position.split('.') : [undefined, position];
  return {
    conditions: [
      xactId === undefined
        ? `${alias}.seq > ${add(seq!)}::bigint`
        : `(${alias}.xact_id, ${alias}.seq) > (${add(xactId)}::bigint, ${add(seq!)}::bigint)`,
      `${alias}.xact_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`,
    ],
    orderBy: `${alias}.xact_id, ${alias}.seq`,
    position: `${alias}.xact_id::text || '.' || ${alias}.seq::text`,
  };
}

/**
 * Where a new client starts: after every transaction that has ended, before every one still running. It gets every
 * row committed from now on, and those committed just before by a transaction younger than one still running.
 */
export const STREAM_START_SQL = `SELECT pg_snapshot_xmin(pg_current_snapshot())::text || '.0' AS position`;
