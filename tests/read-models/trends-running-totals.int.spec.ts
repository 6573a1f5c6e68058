import { compareCodePoints } from '@chronicle/domain';
import {
  ActorSentimentQueries,
  ActorTrend,
  SENTIMENT_ENTRIES_TABLE,
  FOLDED_ENTRIES_PER_HOUR,
  SentimentGranularity,
  TOTALLED_BELOW,
  trendSpans,
  totalHourEntries,
} from '@chronicle/read-models';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseWithActors } from './support/database-with-actors';

const ACTORS = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6', 'a-7'];
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.parse('2026-03-01T00:00:00Z');
const DAYS = 8;

/** One article's mention of an actor: what a projector batch adds (sign +1) or takes back (−1) in an hour entry. */
interface Mention {
  actor: string;
  hour: number;
  count: number;
  scoreMicros: number;
}

const scored = { count: fc.integer({ min: 1, max: 5 }), scoreMicros: fc.integer({ min: -1_000_000, max: 1_000_000 }) };

/** Any actor in any hour, or one of two busy hours of one actor (which pile up entries for the rounds to fold). */
const mentionArbitrary: fc.Arbitrary<Mention> = fc.oneof(
  fc.record({ actor: fc.constantFrom(...ACTORS), hour: fc.integer({ min: 0, max: DAYS * 24 - 1 }), ...scored }),
  fc.record({ actor: fc.constant('a-1'), hour: fc.constantFrom(5, 29), ...scored }),
);

/** What happens to the store: a batch adding mentions and taking back some added before, or a running totals round. */
type Step = { kind: 'batch'; added: Mention[]; removed: number[] } | { kind: 'total'; maxFoldedHours: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('batch' as const),
    added: fc.array(mentionArbitrary, { minLength: 1, maxLength: 8 }),
    removed: fc.array(fc.nat(), { maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('total' as const), maxFoldedHours: fc.integer({ min: 1, max: 3 }) }),
);

/** A trends request: granularity, window (whole days or hours inside the data) and page size. */
const requestArbitrary = fc
  .record({
    granularity: fc.constantFrom<SentimentGranularity>('day', 'hour'),
    start: fc.integer({ min: 0, max: DAYS * 24 }),
    span: fc.integer({ min: 1, max: DAYS * 24 }),
    limit: fc.integer({ min: 1, max: ACTORS.length + 1 }),
  })
  .map(({ granularity, start, span, limit }) => {
    const unit = granularity === 'day' ? 24 : 1;
    const from = FIRST_DAY + Math.floor(start / unit) * unit * 3_600_000;
    const to = from + Math.max(1, Math.floor(span / unit)) * unit * 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    return { granularity, previousFrom: iso(from - (to - from)), from: iso(from), to: iso(to), limit };
  });

/** Every day of the data: the second half against the first, every actor. */
const ALL_DAYS = {
  granularity: 'day' as const,
  previousFrom: new Date(FIRST_DAY).toISOString(),
  from: new Date(FIRST_DAY + (DAYS / 2) * DAY_MS).toISOString(),
  to: new Date(FIRST_DAY + DAYS * DAY_MS).toISOString(),
  limit: ACTORS.length,
};

describe('trends over the running totals', () => {
  let dataSource: DataSource;
  const queries = () => new ActorSentimentQueries(dataSource);

  /** A mention's hour entry with `sign`, as a projector batch appends it. */
  const entriesOf = (m: Mention, sign: 1 | -1): unknown[][] => {
    const hour = new Date(FIRST_DAY + m.hour * 3_600_000).toISOString();
    return [[m.actor, 'hour', hour, sign * m.count, sign, sign * m.scoreMicros]];
  };

  const append = async (runner: { query: DataSource['query'] }, rows: unknown[][]): Promise<void> => {
    if (rows.length === 0) return;
    await runner.query(
      `INSERT INTO ${SENTIMENT_ENTRIES_TABLE} (actor_id, granularity, bucket_start, mentions, articles, score_micros, positive, neutral, negative)
       SELECT *, 0, 0, 0 FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int[], $6::bigint[])`,
      [0, 1, 2, 3, 4, 5].map((column) => rows.map((row) => row[column])),
    );
  };

  /**
   * The trends as the ledger's hour entries alone give them, every entry summed wherever the mark is (days too, from
   * their hours), ranked in memory: what the statement over running totals and entries above the mark must equal.
   */
  async function expectedTrends(
    granularity: SentimentGranularity,
    previousFrom: string,
    from: string,
    to: string,
    limit: number,
  ) {
    const spans = trendSpans(granularity, previousFrom, from, to);
    const rows: Array<{
      id: string;
      name: string;
      sign: number;
      mentions: number;
      articles: number;
      mean: string | null;
    }> = await dataSource.query(
      `SELECT a.id, a.name, s.sign, sum(e.mentions)::int AS mentions, sum(e.articles)::int AS articles,
              CASE WHEN sum(e.articles) > 0 THEN round(sum(e.score_micros)::numeric / sum(e.articles) / 1000000, 6) END AS mean
       FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[]) AS s(granularity, span_from, span_to, sign)
       JOIN ${SENTIMENT_ENTRIES_TABLE} e ON e.bucket_start >= s.span_from AND e.bucket_start < s.span_to
       JOIN actors a ON a.id = e.actor_id
       GROUP BY a.id, a.name, s.sign`,
      [spans.map((s) => s.granularity), spans.map((s) => s.from), spans.map((s) => s.to), spans.map((s) => s.sign)],
    );
    const byActor = new Map<string, { id: string; name: string; now?: (typeof rows)[number]; before?: (typeof rows)[number] }>();
    for (const row of rows) {
      const actor = byActor.get(row.id) ?? { id: row.id, name: row.name };
      if (row.sign > 0) actor.now = row;
      else actor.before = row;
      byActor.set(row.id, actor);
    }
    return [...byActor.values()]
      .filter((a) => (a.now?.articles ?? 0) + (a.before?.articles ?? 0) > 0)
      .map((a) => {
        const mentions = a.now?.mentions ?? 0;
        const previousMentions = a.before?.mentions ?? 0;
        const meanScore = a.now?.mean == null ? null : Number(a.now.mean);
        const previousMeanScore = a.before?.mean == null ? null : Number(a.before.mean);
        return {
          actor: { id: a.id, name: a.name, kind: 'person', role: null },
          mentions,
          previousMentions,
          mentionChange: mentions - previousMentions,
          meanScore,
          previousMeanScore,
          sentimentChange:
            meanScore === null || previousMeanScore === null ? null : Math.round((meanScore - previousMeanScore) * 1e6) / 1e6,
        } satisfies ActorTrend;
      })
      .sort((a, b) => Math.abs(b.mentionChange) - Math.abs(a.mentionChange) || compareCodePoints(a.actor.id, b.actor.id))
      .slice(0, limit);
  }

  const entriesAboveTheMark = async (): Promise<number> =>
    Number((await dataSource.query(`SELECT count(*) AS n FROM ${SENTIMENT_ENTRIES_TABLE} WHERE xact >= ${TOTALLED_BELOW}`))[0].n);

  /** The hour entries of each (actor, hour), most first. */
  const entriesPerHour = async (): Promise<number[]> =>
    (
      await dataSource.query(
        `SELECT count(*)::int AS n FROM ${SENTIMENT_ENTRIES_TABLE} GROUP BY actor_id, bucket_start ORDER BY 1 DESC`,
      )
    ).map((r: { n: number }) => r.n);

  /** The day buckets the `actor_sentiment` view gives, and the same summed from every hour entry wherever the mark is. */
  const dayBuckets = async () => {
    const sums = 'sum(mentions)::int AS mentions, sum(articles)::int AS articles, sum(score_micros)::int AS score';
    return {
      viewed: await dataSource.query(
        `SELECT actor_id, bucket_start AS day, mentions, articles, score_micros::int AS score
         FROM actor_sentiment WHERE granularity = 'day' ORDER BY 1, 2`,
      ),
      fromHours: await dataSource.query(
        `SELECT actor_id, date_trunc('day', bucket_start, 'UTC') AS day, ${sums}
         FROM ${SENTIMENT_ENTRIES_TABLE} GROUP BY 1, 2 HAVING sum(articles) > 0 ORDER BY 1, 2`,
      ),
    };
  };

  const database = databaseWithActors('trends-running-totals', ACTORS);
  beforeAll(() => {
    dataSource = database.dataSource();
  });

  beforeEach(async () => {
    await dataSource.query(
      `TRUNCATE ${SENTIMENT_ENTRIES_TABLE}, actor_sentiment_compaction, actor_keys, actor_totals_by_day RESTART IDENTITY`,
    );
  });

  describe('when batches and running totals rounds interleave, articles being added and taken back', () => {
    it('ranks and sums every actor, and sums every day, as the hour entries do, before and after every entry is in the running totals', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(stepArbitrary, { minLength: 1, maxLength: 14 }),
          fc.array(requestArbitrary, { minLength: 1, maxLength: 3 }),
          async (steps, requests) => {
            await dataSource.query(
              `TRUNCATE ${SENTIMENT_ENTRIES_TABLE}, actor_sentiment_compaction, actor_keys, actor_totals_by_day RESTART IDENTITY`,
            );
            const live: Mention[] = [];
            for (const step of steps) {
              if (step.kind === 'batch') {
                const removed = [...new Set(step.removed.filter((i) => i < live.length))].sort((a, b) => b - a);
                const rows = [...step.added.flatMap((m) => entriesOf(m, 1)), ...removed.flatMap((i) => entriesOf(live[i]!, -1))];
                for (const i of removed) live.splice(i, 1);
                live.push(...step.added);
                await append(dataSource, rows);
              } else {
                await dataSource.transaction((manager) => totalHourEntries(manager, step.maxFoldedHours));
              }
            }
            const expectTheHours = async () => {
              for (const r of [...requests, ALL_DAYS]) {
                expect(await queries().trends(r.granularity, r.previousFrom, r.from, r.to, r.limit)).toEqual(
                  await expectedTrends(r.granularity, r.previousFrom, r.from, r.to, r.limit),
                );
              }
              const days = await dayBuckets();
              expect(days.viewed).toEqual(days.fromHours);
            };
            await expectTheHours();
            while ((await dataSource.transaction((manager) => totalHourEntries(manager, 50))).totalled > 0);
            expect(await entriesAboveTheMark()).toBe(0);
            await expectTheHours();
          },
        ),
        { numRuns: 60 },
      );
    });
  });

  describe('when a day is totalled for the first time after the day before it', () => {
    it('starts its row from the totals before it', async () => {
      const monday: Mention = { actor: 'a-1', hour: 2, count: 4, scoreMicros: 100_000 };
      const tuesday: Mention = { actor: 'a-1', hour: 26, count: 1, scoreMicros: 300_000 };
      await append(dataSource, entriesOf(monday, 1));
      await dataSource.transaction((manager) => totalHourEntries(manager, 100));
      await append(dataSource, entriesOf(tuesday, 1));
      expect(await dataSource.transaction((manager) => totalHourEntries(manager, 100))).toEqual({
        ran: true,
        totalled: 1,
        rowsWritten: 1,
        entriesRemoved: 0,
        entriesAdded: 0,
      });

      // 2026-03-03 against the two days before it: Monday and Tuesday, read from the rows of 03-01 and 03-03.
      const trends = await queries().trends(
        'day',
        '2026-02-27T00:00:00.000Z',
        '2026-03-01T00:00:00.000Z',
        '2026-03-03T00:00:00.000Z',
        5,
      );
      expect(trends.map((t) => [t.actor.id, t.mentions, t.previousMentions, t.meanScore])).toEqual([['a-1', 5, 0, 0.2]]);
    });
  });

  describe('when an hour piles up entries, some taken back, in the totals and not yet', () => {
    it('folds the hour into one row below the mark once it has enough, and every sum stays as it was', async () => {
      const kept: Mention = { actor: 'a-1', hour: 50, count: 2, scoreMicros: 400_000 };
      const gone: Mention = { actor: 'a-2', hour: 51, count: 1, scoreMicros: -200_000 };
      await append(dataSource, [...entriesOf(kept, 1), ...entriesOf(gone, 1)]);
      await dataSource.transaction((manager) => totalHourEntries(manager, 100));
      for (let batch = 2; batch < FOLDED_ENTRIES_PER_HOUR; batch += 1) await append(dataSource, entriesOf(kept, 1));
      await append(dataSource, [...entriesOf(kept, 1), ...entriesOf(gone, -1)]);
      const before = await dayBuckets();

      const round = await dataSource.transaction((manager) => totalHourEntries(manager, 100));

      // a-1's hour: one entry in the totals and seven new ones -> one row; a-2's: two entries, not crowded, kept.
      expect(round).toEqual({
        ran: true,
        totalled: FOLDED_ENTRIES_PER_HOUR,
        rowsWritten: 1,
        entriesRemoved: FOLDED_ENTRIES_PER_HOUR,
        entriesAdded: 1,
      });
      const rows = await dataSource.query(
        `SELECT actor_id, xact::int AS xact, mentions, articles, score_micros::int AS score FROM ${SENTIMENT_ENTRIES_TABLE}
         ORDER BY actor_id, articles DESC`,
      );
      expect(rows).toEqual([
        {
          actor_id: 'a-1',
          xact: 0,
          mentions: 2 * FOLDED_ENTRIES_PER_HOUR,
          articles: FOLDED_ENTRIES_PER_HOUR,
          score: 400_000 * FOLDED_ENTRIES_PER_HOUR,
        },
        { actor_id: 'a-2', xact: expect.any(Number), mentions: 1, articles: 1, score: -200_000 },
        { actor_id: 'a-2', xact: expect.any(Number), mentions: -1, articles: -1, score: 200_000 },
      ]);
      expect(await dayBuckets()).toEqual(before);
      expect(await entriesAboveTheMark()).toBe(0);
      const window = {
        previousFrom: '2026-03-01T00:00:00.000Z',
        from: '2026-03-03T00:00:00.000Z',
        to: '2026-03-04T00:00:00.000Z',
      };
      expect(await queries().trends('day', window.previousFrom, window.from, window.to, 5)).toEqual(
        await expectedTrends('day', window.previousFrom, window.from, window.to, 5),
      );
    });

    it('leaves an hour with one entry fewer as it is', async () => {
      for (let batch = 0; batch < FOLDED_ENTRIES_PER_HOUR; batch += 1) {
        await append(dataSource, [
          ...entriesOf({ actor: 'a-1', hour: 7, count: 1, scoreMicros: 0 }, 1),
          ...(batch > 0 ? entriesOf({ actor: 'a-3', hour: 7, count: 1, scoreMicros: 0 }, 1) : []),
        ]);
      }
      const round = await dataSource.transaction((manager) => totalHourEntries(manager, 100));
      expect(round).toMatchObject({ entriesRemoved: FOLDED_ENTRIES_PER_HOUR, entriesAdded: 1 });
      expect(await entriesPerHour()).toEqual([FOLDED_ENTRIES_PER_HOUR - 1, 1]);
    });

    it("leaves a crowded hour past the round's budget to a later round", async () => {
      for (let batch = 0; batch < FOLDED_ENTRIES_PER_HOUR; batch += 1) {
        await append(dataSource, [
          ...entriesOf({ actor: 'a-1', hour: 7, count: 1, scoreMicros: 0 }, 1),
          ...entriesOf({ actor: 'a-2', hour: 7, count: 1, scoreMicros: 0 }, 1),
        ]);
      }
      const round = await dataSource.transaction((manager) => totalHourEntries(manager, 1));
      expect(round).toMatchObject({ entriesRemoved: FOLDED_ENTRIES_PER_HOUR, entriesAdded: 1 });
      expect(await entriesPerHour()).toEqual([FOLDED_ENTRIES_PER_HOUR, 1]);
    });
  });

  describe('when a round touches more hours than it may probe', () => {
    it('probes those with the most new entries first, and an hour left out once a later round touches it', async () => {
      const busy: Mention = { actor: 'a-1', hour: 7, count: 1, scoreMicros: 0 };
      const steady: Mention = { actor: 'a-2', hour: 9, count: 1, scoreMicros: 0 };
      // The steady hour gathers one entry fewer than a fold takes, totalled a round at a time.
      for (let batch = 1; batch < FOLDED_ENTRIES_PER_HOUR; batch += 1) {
        await append(dataSource, entriesOf(steady, 1));
        await dataSource.transaction((manager) => totalHourEntries(manager, 100));
      }
      expect(await entriesPerHour()).toEqual([FOLDED_ENTRIES_PER_HOUR - 1]);
      // One round, one probe: the busy hour's eight new entries come before the steady hour's one, crowded as it is.
      for (let batch = 0; batch < FOLDED_ENTRIES_PER_HOUR; batch += 1) await append(dataSource, entriesOf(busy, 1));
      await append(dataSource, entriesOf(steady, 1));
      const before = await dayBuckets();
      const round = await dataSource.transaction((manager) => totalHourEntries(manager, 100, 1));
      expect(round).toMatchObject({ totalled: FOLDED_ENTRIES_PER_HOUR + 1, entriesRemoved: FOLDED_ENTRIES_PER_HOUR });
      expect(await entriesPerHour()).toEqual([FOLDED_ENTRIES_PER_HOUR, 1]);
      expect(await dayBuckets()).toEqual(before);
      // The next round that touches the steady hour probes it.
      await append(dataSource, entriesOf(steady, 1));
      const beforeLater = await dayBuckets();
      const later = await dataSource.transaction((manager) => totalHourEntries(manager, 100, 1));
      expect(later).toMatchObject({ entriesRemoved: FOLDED_ENTRIES_PER_HOUR + 1, entriesAdded: 1 });
      expect(await entriesPerHour()).toEqual([1, 1]);
      expect(await dayBuckets()).toEqual(beforeLater);
    });
  });

  describe('when a batch commits its entries after a running totals round began', () => {
    it('leaves them above the mark and counted once', async () => {
      const early: Mention = { actor: 'a-1', hour: 30, count: 2, scoreMicros: 250_000 };
      const late: Mention = { actor: 'a-2', hour: 31, count: 3, scoreMicros: -500_000 };
      await append(dataSource, entriesOf(early, 1));
      const batch = dataSource.createQueryRunner();
      await batch.connect();
      try {
        await batch.startTransaction();
        await append(batch.manager, entriesOf(late, 1));
        // The batch has not committed: the round sees only the early entries.
        const round = await dataSource.transaction((manager) => totalHourEntries(manager, 100));
        expect(round).toEqual({ ran: true, totalled: 1, rowsWritten: 1, entriesRemoved: 0, entriesAdded: 0 });
        await batch.commitTransaction();
      } finally {
        await batch.release();
      }

      expect(await entriesAboveTheMark()).toBe(1);
      const window = {
        previousFrom: '2026-02-28T00:00:00.000Z',
        from: '2026-03-02T00:00:00.000Z',
        to: '2026-03-04T00:00:00.000Z',
      };
      const trends = await queries().trends('day', window.previousFrom, window.from, window.to, 5);
      expect(trends.map((t) => [t.actor.id, t.mentions, t.meanScore])).toEqual([
        ['a-2', 3, -0.5],
        ['a-1', 2, 0.25],
      ]);
      expect(trends).toEqual(await expectedTrends('day', window.previousFrom, window.from, window.to, 5));
    });
  });

  describe('when another process holds the ledger compaction row', () => {
    it('skips the round without moving the mark', async () => {
      await append(dataSource, entriesOf({ actor: 'a-3', hour: 5, count: 1, scoreMicros: 0 }, 1));
      await dataSource.query(`INSERT INTO actor_sentiment_compaction DEFAULT VALUES ON CONFLICT DO NOTHING`);
      await dataSource.transaction(async (holder) => {
        await holder.query(`SELECT FROM actor_sentiment_compaction FOR UPDATE`);
        const round = await dataSource.transaction((manager) => totalHourEntries(manager, 100));
        expect(round).toEqual({ ran: false, totalled: 0, rowsWritten: 0, entriesRemoved: 0, entriesAdded: 0 });
      });
      expect(await entriesAboveTheMark()).toBe(1);
    });
  });
});
