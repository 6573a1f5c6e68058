import { SqlRunner } from '../sql/sql-session';
import { SumVector } from './sum-vectors';
import { takeCompactionRow } from '../sql/ledger-compaction';
import { SENTIMENT_LEDGER } from './compaction';
import {
  ACTOR_KEYS_TABLE,
  ACTOR_TOTALS_TABLE,
  FOLDED_ENTRIES_PER_HOUR,
  PROBED_HOURS_PER_ROUND,
  SENTIMENT_COMPACTION_TABLE,
  SENTIMENT_ENTRIES_TABLE,
} from './tables';

const DAY_MS = 86_400_000;

/** What one round of {@link totalHourEntries} did. */
export interface RunningTotalsRound {
  /** False when another process held the sentiment ledger's compaction row (nothing done). */
  ran: boolean;
  /** Entries added to the running totals (those the mark moved past). */
  totalled: number;
  /** Rows of `actor_totals_by_day` written. */
  rowsWritten: number;
  /** Entries of crowded hours folded (deleted). */
  entriesRemoved: number;
  /** Rows written in their place (one per folded hour, none where every sum is zero). */
  entriesAdded: number;
}

interface DaySums {
  actor_id: string;
  day: Date;
  mentions: number;
  articles: number;
  score_micros: string;
  entries: number;
}

const NOTHING_DONE = { totalled: 0, rowsWritten: 0, entriesRemoved: 0, entriesAdded: 0 };

/**
 * Moves the sentiment ledger's mark (`totalled_below`) up to the oldest transaction still running, and adds the
 * entries it moves past to the running totals, in one transaction (the caller's), writing no entry: every entry below
 * the new mark was committed before the round looked (or never will be), so each is added exactly once, and an entry
 * a batch commits meanwhile is above it. The totals add the entries' sums to every `actor_totals_by_day` row after
 * their day (a row holds every actor's sums over the days before its `day`; one is added the day after each day with
 * entries); live batches add entries for the current day, whose rows are the last one or two, and an old day's
 * entries (a revision, a re-analysis) rewrite every row after it. A reader summing a window's two running totals and
 * its entries at or above the mark in one statement counts every entry once.
 *
 * Then it folds the hours the moved entries touched that have {@link FOLDED_ENTRIES_PER_HOUR} entries below the new
 * mark or more (up to `maxFoldedHours` of them) into one row each at `xact` 0, so a popular actor's hours stay short;
 * the sums, and so every bucket and the totals, do not change. It probes up to `maxProbedHours` of the touched hours,
 * those with the most moved entries first (see {@link PROBED_HOURS_PER_ROUND}).
 *
 * Takes the sentiment ledger's compaction row (`takeCompactionRow`), so it never runs beside another round.
 * Runs in the current search path.
 */
export async function totalHourEntries(
  sql: SqlRunner,
  maxFoldedHours: number,
  maxProbedHours = PROBED_HOURS_PER_ROUND,
): Promise<RunningTotalsRound> {
  if (!(await takeCompactionRow(sql, SENTIMENT_LEDGER))) return { ran: false, ...NOTHING_DONE };
  // Every transaction below the snapshot's xmin has ended, so its entries are all visible to the statements after.
  const [mark]: Array<{ from: string; upto: string }> = await sql.query(
    `SELECT totalled_below::text AS from, pg_snapshot_xmin(pg_current_snapshot())::text AS upto FROM ${SENTIMENT_COMPACTION_TABLE}`,
  );
  const { from, upto } = mark!;
  if (BigInt(upto) <= BigInt(from)) return { ran: true, ...NOTHING_DONE };
  const moved: DaySums[] = await sql.query(
    `SELECT actor_id, date_trunc('day', bucket_start, 'UTC') AS day, sum(mentions)::int AS mentions,
            sum(articles)::int AS articles, sum(score_micros)::text AS score_micros, count(*)::int AS entries
     FROM ${SENTIMENT_ENTRIES_TABLE} WHERE xact >= $1 AND xact < $2
     GROUP BY actor_id, date_trunc('day', bucket_start, 'UTC')`,
    [from, upto],
  );
  const totals = moved.length === 0 ? 0 : await addToRunningTotals(sql, moved);
  await sql.query(`UPDATE ${SENTIMENT_COMPACTION_TABLE} SET totalled_below = $1`, [upto]);
  const folded =
    moved.length === 0 ? { removed: 0, added: 0 } : await foldCrowdedHours(sql, from, upto, maxFoldedHours, maxProbedHours);
  return {
    ran: true,
    totalled: moved.reduce((n, f) => n + f.entries, 0),
    rowsWritten: totals,
    entriesRemoved: folded.removed,
    entriesAdded: folded.added,
  };
}

/**
 * Folds the hours that entries in [`from`, `upto`) touched and that have {@link FOLDED_ENTRIES_PER_HOUR} entries
 * below `upto` or more, up to `maxHours` of them, into one row each at `xact` 0 (below the mark, as they were). Only
 * `maxProbes` touched hours are probed, those with the most entries in the range first.
 */
async function foldCrowdedHours(
  sql: SqlRunner,
  from: string,
  upto: string,
  maxHours: number,
  maxProbes: number,
): Promise<{ removed: number; added: number }> {
  const { sums } = SENTIMENT_LEDGER;
  const [folded]: Array<{ removed: number; added: number }> = await sql.query(
    `WITH touched AS (
       SELECT actor_id, bucket_start FROM ${SENTIMENT_ENTRIES_TABLE} WHERE xact >= $1 AND xact < $2
       GROUP BY actor_id, bucket_start ORDER BY count(*) DESC, actor_id, bucket_start LIMIT $5),
     crowded AS (
       SELECT t.actor_id, t.bucket_start FROM touched t
       WHERE (SELECT count(*) FROM (
                SELECT FROM ${SENTIMENT_ENTRIES_TABLE} e
                WHERE e.actor_id = t.actor_id AND e.granularity = 'hour' AND e.bucket_start = t.bucket_start AND e.xact < $2
                LIMIT $3) n) >= $3
       LIMIT $4),
     -- Each crowded hour's entries, looked up hour by hour, then deleted by their row addresses. As a join, the planner
     -- could turn it around when it has no statistics on the ledger, reading all of it for a few hours; OFFSET 0 keeps
     -- the lookup a subquery run per crowded hour.
     folded AS (
       SELECT f.entry FROM crowded c CROSS JOIN LATERAL (
         SELECT e.ctid AS entry FROM ${SENTIMENT_ENTRIES_TABLE} e
         WHERE e.actor_id = c.actor_id AND e.granularity = 'hour' AND e.bucket_start = c.bucket_start AND e.xact < $2
         OFFSET 0) f),
     removed AS (
       DELETE FROM ${SENTIMENT_ENTRIES_TABLE} e WHERE e.ctid = ANY(ARRAY(SELECT entry FROM folded))
       RETURNING e.*),
     added AS (
       INSERT INTO ${SENTIMENT_ENTRIES_TABLE} (actor_id, granularity, bucket_start, xact, ${sums.join(', ')})
       SELECT actor_id, 'hour', bucket_start, 0, ${sums.map((c) => `sum(${c})`).join(', ')}
       FROM removed GROUP BY actor_id, bucket_start HAVING ${sums.map((c) => `sum(${c}) <> 0`).join(' OR ')}
       RETURNING 1)
     SELECT (SELECT count(*) FROM removed)::int AS removed, (SELECT count(*) FROM added)::int AS added`,
    [from, upto, FOLDED_ENTRIES_PER_HOUR, maxHours, maxProbes],
  );
  return folded!;
}

/** Adds each (actor, day)'s sums to every running totals row after the day; returns the rows written. */
async function addToRunningTotals(sql: SqlRunner, moved: readonly DaySums[]): Promise<number> {
  const keys = await actorKeys(sql, [...new Set(moved.map((f) => f.actor_id))]);

  // Each touched day's change, as a vector.
  const changes = new Map<number, SumVector>();
  for (const s of moved) {
    const day = s.day.getTime();
    const change = changes.get(day) ?? new SumVector();
    change.add(keys.get(s.actor_id)!, { mentions: s.mentions, articles: s.articles, scoreMicros: Number(s.score_micros) });
    changes.set(day, change);
  }
  const touched = [...changes.keys()].sort((a, b) => a - b);
  const first = touched[0]!;

  // Every row after the first touched day, and the day after each touched day (new rows start from the row before them).
  const stored: Array<{ day: Date; totals: Buffer }> = await sql.query(
    `(SELECT day, totals FROM ${ACTOR_TOTALS_TABLE} WHERE day <= $1 ORDER BY day DESC LIMIT 1)
     UNION ALL
     SELECT day, totals FROM ${ACTOR_TOTALS_TABLE} WHERE day > $1`,
    [new Date(first).toISOString()],
  );
  const storedByDay = new Map(stored.map((row) => [row.day.getTime(), row.totals]));
  const rows = [
    ...new Set([...stored.map((row) => row.day.getTime()).filter((day) => day > first), ...touched.map((d) => d + DAY_MS)]),
  ].sort((a, b) => a - b);
  const storedDays = [...storedByDay.keys()].sort((a, b) => a - b);
  // One walk through the rows in day order: the stored totals before each (its own row, else the last row before
  // it: no entries in between) plus the changes of the touched days before it, summed as the walk passes them.
  const written: Array<{ day: string; totals: Buffer }> = [];
  const changedBefore = new SumVector();
  let nextStored = 0;
  let nextTouched = 0;
  let base: Buffer | undefined;
  for (const day of rows) {
    while (nextStored < storedDays.length && storedDays[nextStored]! <= day) base = storedByDay.get(storedDays[nextStored++]!);
    while (nextTouched < touched.length && touched[nextTouched]! < day)
      changedBefore.addVector(changes.get(touched[nextTouched++]!)!.packed());
    const totals = new SumVector(base);
    totals.addVector(changedBefore.packed());
    written.push({ day: new Date(day).toISOString(), totals: totals.packed() });
  }
  await sql.query(
    `INSERT INTO ${ACTOR_TOTALS_TABLE} (day, totals)
     SELECT * FROM unnest($1::timestamptz[], $2::bytea[])
     ON CONFLICT (day) DO UPDATE SET totals = EXCLUDED.totals`,
    [written.map((w) => w.day), written.map((w) => w.totals)],
  );
  return written.length;
}

/** The keys of these actors, handing out new ones (in id order) to those without. */
async function actorKeys(sql: SqlRunner, actorIds: string[]): Promise<Map<string, number>> {
  await sql.query(
    `INSERT INTO ${ACTOR_KEYS_TABLE} (actor_id)
     SELECT id FROM unnest($1::text[]) AS a(id) ORDER BY id COLLATE "C" ON CONFLICT (actor_id) DO NOTHING`,
    [actorIds],
  );
  const rows: Array<{ actor_id: string; key: number }> = await sql.query(
    `SELECT actor_id, key FROM ${ACTOR_KEYS_TABLE} WHERE actor_id = ANY($1::text[])`,
    [actorIds],
  );
  return new Map(rows.map((r) => [r.actor_id, r.key]));
}
