import { SqlRunner } from '../sql/sql-session';
import { SentimentBucketChange, SentimentGranularity } from './fold';
import { isoInstant } from '../sql/iso-instant';
import { ActorRef } from '../actor-pairs/queries';
import { ACTOR_KEYS_TABLE, ACTOR_TOTALS_TABLE, SENTIMENT_ENTRIES_TABLE, TOTALLED_BELOW } from './tables';
import { KeyedWindowSums } from './sum-vectors';
import { contenders, meanScore, topTrends, TrendCandidate } from './trend-ranking';
import { LedgerSpan, trendSpans } from './trend-spans';

/** Sentiment toward an actor in one hour or day: the summed entries, with the mean score instead of the sum. */
export type SentimentBucket = Omit<SentimentBucketChange, 'actorId' | 'granularity' | 'scoreMicros'> & {
  meanScore: number | null;
};

interface BucketRow {
  bucket_start: Date | string;
  mentions: number;
  articles: number;
  positive: number;
  neutral: number;
  negative: number;
  mean_score: string | number | null;
}

/** One actor's mentions and mean sentiment in a window and in the window before it. */
export interface ActorTrend {
  actor: ActorRef;
  mentions: number;
  previousMentions: number;
  mentionChange: number;
  meanScore: number | null;
  previousMeanScore: number | null;
  sentimentChange: number | null;
}

/** What the API reads from the actor sentiment read model. */
export class ActorSentimentQueries {
  constructor(private readonly sql: SqlRunner) {}

  /** Sentiment toward the actor per hour or day, oldest first, within [from, to) (UTC ISO 8601 instants). */
  async series(actorId: string, granularity: 'hour' | 'day', from: string | null, to: string | null): Promise<SentimentBucket[]> {
    const rows: BucketRow[] = await this.sql.query(
      `SELECT bucket_start, mentions, articles, positive, neutral, negative, mean_score
       FROM actor_sentiment
       WHERE actor_id = $1 AND granularity = $2
         AND ($3::timestamptz IS NULL OR bucket_start >= $3) AND ($4::timestamptz IS NULL OR bucket_start < $4)
       ORDER BY bucket_start`,
      [actorId, granularity, from, to],
    );
    return rows.map((r) => ({
      bucketStart: isoInstant(r.bucket_start),
      mentions: r.mentions,
      articles: r.articles,
      positive: r.positive,
      neutral: r.neutral,
      negative: r.negative,
      meanScore: r.mean_score === null ? null : Number(r.mean_score),
    }));
  }

  /**
   * Actors whose mentions changed most between [`previousFrom`, `from`) and [`from`, `to`) (bucket
   * starts of `granularity`, UTC ISO instants), by |mentions − previous mentions| descending, ties
   * by id; mean scores are per article, as the sentiment buckets give them.
   *
   * The ledger ranges of {@link trendSpans} (whole days of an hour window from the running totals) are
   * summed in one statement, so in one snapshot: whole days as the difference of two rows of running totals
   * (every actor's sums before a day, packed by key) plus the entries at or above the mark (not in them yet),
   * and hours from the entries. The mark is passed in, as read just before, so the planner sees how few entries
   * are above it; the statement also reads the mark in its own snapshot and runs again in the rare case a round
   * moved it in between. Every actor is ranked in memory by key; only the ids and names of the actors that can
   * make the page (those tied at its edge included) are read after, and ties are ranked by id then.
   */
  async trends(
    granularity: SentimentGranularity,
    previousFrom: string,
    from: string,
    to: string,
    limit: number,
  ): Promise<ActorTrend[]> {
    const spans = trendSpans(granularity, previousFrom, from, to);
    const rows = await this.windowRows(spans);
    const { keyed, unkeyed } = windowSums(spans, rows);
    const tied = contenders(keyed, unkeyed, limit);
    const refs = await this.actorRefs(tied);
    const known = tied.flatMap((c) => {
      const actor = refs.byKey.get(c.key ?? 0) ?? refs.byId.get(c.id ?? '');
      return actor ? [{ ...c, id: actor.id, actor }] : [];
    });
    return topTrends(known, limit).map(({ actor, current, previous }) => {
      const mean = meanScore(current);
      const previousMean = meanScore(previous);
      return {
        actor,
        mentions: current.mentions,
        previousMentions: previous.mentions,
        mentionChange: current.mentions - previous.mentions,
        meanScore: mean,
        previousMeanScore: previousMean,
        sentimentChange: mean === null || previousMean === null ? null : Math.round((mean - previousMean) * 1e6) / 1e6,
      };
    });
  }

  /** The trends statement's rows for these spans, at the mark its snapshot saw (run again if a round moved it). */
  private async windowRows(spans: readonly LedgerSpan[]): Promise<WindowRow[]> {
    const [first]: Array<{ mark: string }> = await this.sql.query(`SELECT ${TOTALLED_BELOW}::text AS mark`);
    let mark = first?.mark ?? '0';
    for (;;) {
      const rows: WindowRow[] = await this.sql.query(
        `WITH spans AS (
           SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[]) AS s(granularity, span_from, span_to, sign)),
         entries AS (
           SELECT s.sign, e.actor_id, e.mentions, e.articles, e.score_micros
           FROM spans s JOIN ${SENTIMENT_ENTRIES_TABLE} e
             ON s.granularity = 'hour' AND e.granularity = 'hour' AND e.bucket_start >= s.span_from AND e.bucket_start < s.span_to
           UNION ALL
           SELECT s.sign, e.actor_id, e.mentions, e.articles, e.score_micros
           FROM spans s JOIN ${SENTIMENT_ENTRIES_TABLE} e
             ON s.granularity = 'day' AND e.granularity = 'hour' AND e.xact >= $6::bigint
            AND e.bucket_start >= s.span_from AND e.bucket_start < s.span_to),
         summed AS (
           SELECT sign, actor_id, sum(mentions)::int AS mentions, sum(articles)::int AS articles,
                  sum(score_micros)::text AS score_micros
           FROM entries GROUP BY sign, actor_id)
         SELECT t.sign, NULL::timestamptz AS point, NULL::bytea AS totals, t.actor_id, k.key, t.mentions, t.articles,
                t.score_micros, NULL::text AS mark
         FROM summed t LEFT JOIN ${ACTOR_KEYS_TABLE} k ON k.actor_id = t.actor_id
         UNION ALL
         SELECT NULL, p.point, r.totals, NULL, NULL, NULL, NULL, NULL, NULL
         FROM unnest($5::timestamptz[]) AS p(point)
         CROSS JOIN LATERAL (
           SELECT totals FROM ${ACTOR_TOTALS_TABLE} WHERE day <= p.point ORDER BY day DESC LIMIT 1) r
         UNION ALL
         SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ${TOTALLED_BELOW}::text`,
        [
          spans.map((s) => s.granularity),
          spans.map((s) => s.from),
          spans.map((s) => s.to),
          spans.map((s) => s.sign),
          [...new Set(spans.flatMap((s) => (s.granularity === 'day' ? [s.from, s.to] : [])))],
          mark,
        ],
      );
      const seen = rows.find((row) => row.mark !== null)?.mark ?? mark;
      if (seen === mark) return rows.filter((row) => row.mark === null);
      mark = seen;
    }
  }

  /** The actors behind these candidates, by key where they have one, else by id. */
  private async actorRefs(
    candidates: readonly TrendCandidate[],
  ): Promise<{ byKey: Map<number, ActorRef>; byId: Map<string, ActorRef> }> {
    const keys = candidates.flatMap((c) => (c.key === null ? [] : [c.key]));
    const ids = candidates.flatMap((c) => (c.key === null && c.id !== null ? [c.id] : []));
    const rows: Array<ActorRef & { key: number | null }> =
      keys.length + ids.length === 0
        ? []
        : await this.sql.query(
            `SELECT k.key, a.id, a.name, a.kind, a.role
             FROM ${ACTOR_KEYS_TABLE} k JOIN actors a ON a.id = k.actor_id WHERE k.key = ANY($1::int[])
             UNION ALL
             SELECT NULL, a.id, a.name, a.kind, a.role FROM actors a WHERE a.id = ANY($2::text[])`,
            [keys, ids],
          );
    const byKey = new Map<number, ActorRef>();
    const byId = new Map<string, ActorRef>();
    for (const { key, ...actor } of rows) {
      if (key === null) byId.set(actor.id, actor);
      else byKey.set(key, actor);
    }
    return { byKey, byId };
  }
}

/**
 * A row of the trends statement: the running totals at an end of a span of whole days (`point`), or one actor's
 * entry sums in a window (`sign`), by key where it has one.
 */
interface WindowRow {
  sign: 1 | -1 | null;
  point: Date | null;
  totals: Buffer | null;
  actor_id: string | null;
  key: number | null;
  mentions: number | null;
  articles: number | null;
  score_micros: string | null;
  /** Set on one row only: the mark (`totalled_below`) in the statement's snapshot. */
  mark: string | null;
}

/**
 * Every actor's sums in the two windows: each span of whole days as the running totals at its end less those at
 * its start, plus the entry sums, by key; an actor without a key yet, by id.
 */
function windowSums(
  spans: readonly LedgerSpan[],
  rows: readonly WindowRow[],
): { keyed: KeyedWindowSums; unkeyed: TrendCandidate[] } {
  const keyed = new KeyedWindowSums();
  const totalsAt = new Map<number, Buffer>();
  const unkeyed = new Map<string, TrendCandidate>();
  for (const row of rows) {
    if (row.totals !== null) {
      totalsAt.set(row.point!.getTime(), row.totals);
      continue;
    }
    const sign = row.sign!;
    const entrySums = { mentions: row.mentions!, articles: row.articles!, scoreMicros: Number(row.score_micros) };
    if (row.key !== null) {
      keyed.add(row.key, sign, entrySums);
      continue;
    }
    const candidate = unkeyed.get(row.actor_id!) ?? {
      key: null,
      id: row.actor_id!,
      current: { mentions: 0, articles: 0, scoreMicros: 0 },
      previous: { mentions: 0, articles: 0, scoreMicros: 0 },
    };
    const window = sign > 0 ? candidate.current : candidate.previous;
    window.mentions += entrySums.mentions;
    window.articles += entrySums.articles;
    window.scoreMicros += entrySums.scoreMicros;
    unkeyed.set(row.actor_id!, candidate);
  }
  for (const span of spans) {
    if (span.granularity !== 'day') continue;
    const end = totalsAt.get(Date.parse(span.to));
    if (end) keyed.addVector(end, span.sign, 1);
    const start = totalsAt.get(Date.parse(span.from));
    if (start) keyed.addVector(start, span.sign, -1);
  }
  return { keyed, unkeyed: [...unkeyed.values()] };
}
