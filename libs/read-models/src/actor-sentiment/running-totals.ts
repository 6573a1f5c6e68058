import { SqlRunner } from '../sql/sql-session';
import { SumVector } from './sum-vectors';
import { takeCompactionRow } from '../sql/ledger-compaction';
import { SENTIMENT_LEDGER } from './compaction';
import { ACTOR_KEYS_TABLE, ACTOR_TOTALS_TABLE, SENTIMENT_ENTRIES_TABLE } from './tables';

const DAY_MS = 86_400_000;

/** What one round of {@link totalHourEntries} did. */
export interface RunningTotalsRound {
  /** False when another process held the sentiment ledger's compaction row (nothing done). */
  ran: boolean;
  /** Unflagged hour entries added to the running totals (folded into flagged rows). */
  totalled: number;
  /** Rows of `actor_totals_by_day` written. */
  rowsWritten: number;
  /** Entries folded into flagged rows (deleted). */
  entriesRemoved: number;
  /** Flagged hour and day rows written in their place. */
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

/**
 * Moves unflagged hour entries of the sentiment ledger into the running totals, in one transaction (the caller's):
 * takes the (actor, hour) keys of up to `maxEntries` unflagged entries; folds every entry of each key into one
 * flagged (`totalled`) hour row, and the unflagged ones into the flagged row of their (actor, day), none where every
 * sum is zero; and adds the unflagged entries' sums to every `actor_totals_by_day` row after their day (a row holds
 * every actor's sums over the days before its `day`; one is added the day after each day with entries). This is the
 * ledger's compaction too: one new row per key instead of a new version of every entry (the flag is in an index
 * predicate, so an update could never stay on its page). The folds and the totals change together, and an entry a
 * batch commits meanwhile is neither folded nor added (the statement sees only rows committed before it began) and
 * stays unflagged, so a reader summing a day's flagged row and its unflagged hour entries, or a window's two running
 * totals and its unflagged hour entries, in one statement counts every entry exactly once. Live batches add entries
 * for the current day, whose rows are the last one or two; an old day's entries (a revision, a re-analysis) rewrite
 * every row after it.
 *
 * Takes the sentiment ledger's compaction row (`takeCompactionRow`), so it never runs beside another round.
 * Runs in the current search path.
 */
export async function totalHourEntries(sql: SqlRunner, maxEntries: number): Promise<RunningTotalsRound> {
  if (!(await takeCompactionRow(sql, SENTIMENT_LEDGER)))
    return { ran: false, totalled: 0, rowsWritten: 0, entriesRemoved: 0, entriesAdded: 0 };
  const { sums } = SENTIMENT_LEDGER;
  const summed = sums.map((c) => `sum(${c})`).join(', ');
  const anySum = sums.map((c) => `sum(${c}) <> 0`).join(' OR ');
  const folded: Array<DaySums & { removed: number; added: number }> = await sql.query(
    `WITH picked AS (
       SELECT DISTINCT actor_id, bucket_start
       FROM (SELECT actor_id, bucket_start FROM ${SENTIMENT_ENTRIES_TABLE} WHERE granularity = 'hour' AND NOT totalled LIMIT $1) p),
     keys AS (
       SELECT actor_id, 'hour' AS granularity, bucket_start FROM picked
       UNION
       SELECT actor_id, 'day', date_trunc('day', bucket_start, 'UTC') FROM picked),
     removed AS (
       DELETE FROM ${SENTIMENT_ENTRIES_TABLE} e USING keys k
       WHERE e.actor_id = k.actor_id AND e.granularity = k.granularity AND e.bucket_start = k.bucket_start
       RETURNING e.*),
     hours AS (
       INSERT INTO ${SENTIMENT_ENTRIES_TABLE} (actor_id, granularity, bucket_start, totalled, ${sums.join(', ')})
       SELECT actor_id, 'hour', bucket_start, true, ${summed}
       FROM removed WHERE granularity = 'hour' GROUP BY actor_id, bucket_start HAVING ${anySum}
       RETURNING 1),
     days AS (
       INSERT INTO ${SENTIMENT_ENTRIES_TABLE} (actor_id, granularity, bucket_start, totalled, ${sums.join(', ')})
       SELECT actor_id, 'day', date_trunc('day', bucket_start, 'UTC'), true, ${summed}
       FROM removed WHERE granularity = 'day' OR NOT totalled
       GROUP BY actor_id, date_trunc('day', bucket_start, 'UTC') HAVING ${anySum}
       RETURNING 1)
     SELECT actor_id, date_trunc('day', bucket_start, 'UTC') AS day,
            coalesce(sum(mentions) FILTER (WHERE NOT totalled), 0)::int AS mentions,
            coalesce(sum(articles) FILTER (WHERE NOT totalled), 0)::int AS articles,
            coalesce(sum(score_micros) FILTER (WHERE NOT totalled), 0)::text AS score_micros,
            count(*) FILTER (WHERE NOT totalled)::int AS entries,
            count(*)::int AS removed, ((SELECT count(*) FROM hours) + (SELECT count(*) FROM days))::int AS added
     FROM removed GROUP BY actor_id, date_trunc('day', bucket_start, 'UTC')`,
    [maxEntries],
  );
  if (folded.length === 0) return { ran: true, totalled: 0, rowsWritten: 0, entriesRemoved: 0, entriesAdded: 0 };
  const flagged = folded.filter((f) => f.entries > 0);
  const entriesRemoved = folded.reduce((n, f) => n + f.removed, 0);
  const entriesAdded = folded[0]!.added;
  const keys = await actorKeys(sql, [...new Set(flagged.map((f) => f.actor_id))]);

  // Each touched day's change, as a vector.
  const changes = new Map<number, SumVector>();
  for (const s of flagged) {
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
  const totalled = flagged.reduce((n, f) => n + f.entries, 0);
  return { ran: true, totalled, rowsWritten: written.length, entriesRemoved, entriesAdded };
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
