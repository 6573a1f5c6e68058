import { compareCodePoints } from '@chronicle/domain';
import {
  ACTOR_PAIR_ENTRIES_TABLE,
  ActorPairQueries,
  actorPairsSelect,
  packActorPairEntries,
  PACKED_ROWS_PER_WEEK,
  RelatedActor,
  RelatedAfter,
} from '@chronicle/read-models';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseWithActors } from './support/database-with-actors';

/** Actors with a row in `actors`, and one without (a co-mention of it is left out of related lists, as a join would). */
const ACTORS = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6', 'b-1', 'b-2'];
const GHOST = 'z-ghost';
const WEEKS = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'];

/** An article: its UTC week and the actors it mentions. */
interface Article {
  week: number;
  actors: string[];
}

const articleArbitrary: fc.Arbitrary<Article> = fc.record({
  week: fc.integer({ min: 0, max: WEEKS.length - 1 }),
  actors: fc.uniqueArray(fc.constantFrom(...ACTORS, GHOST), { minLength: 2, maxLength: 5 }),
});

/** A projector batch adding articles and taking back some added before, or a packing round with a small budget. */
type Step = { kind: 'batch'; added: Article[]; removed: number[] } | { kind: 'pack'; maxEntries: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('batch' as const),
    added: fc.array(articleArbitrary, { minLength: 1, maxLength: 6 }),
    removed: fc.array(fc.nat(), { maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant('pack' as const), maxEntries: fc.integer({ min: 1, max: 40 }) }),
);

/** A related request: whose, which weeks, the page size, and which row of the full list a cursor points at (if any). */
const requestArbitrary = fc.record({
  actor: fc.constantFrom(...ACTORS),
  firstWeek: fc.integer({ min: 0, max: WEEKS.length - 1 }),
  weeks: fc.integer({ min: 1, max: WEEKS.length }),
  limit: fc.integer({ min: 1, max: 4 }),
  cursorAt: fc.option(fc.nat(), { nil: undefined }),
});

/** A batch's entries for an article: every ordered pair of its actors, `sign` articles (the projector's fold). */
const entriesOf = ({ week, actors }: Article, sign: 1 | -1): unknown[][] =>
  actors.flatMap((actor) => actors.filter((other) => other !== actor).map((other) => [actor, WEEKS[week], other, sign]));

const weekEnd = (index: number) =>
  new Date(Date.parse(`${WEEKS[0]}T00:00:00Z`) + index * 7 * 86_400_000).toISOString().slice(0, 10);

/** The related list of `actor` computed from the live articles alone, ranked in memory. */
function expectedRelated(live: readonly Article[], actor: string, first: number, end: number): RelatedActor[] {
  const shared = new Map<string, number>();
  for (const article of live) {
    if (article.week < first || article.week >= end || !article.actors.includes(actor)) continue;
    for (const other of article.actors) if (other !== actor && other !== GHOST) shared.set(other, (shared.get(other) ?? 0) + 1);
  }
  return [...shared]
    .map(([id, articles]) => ({ actor: { id, name: `Actor ${id}`, kind: 'person', role: null }, articles }))
    .sort((a, b) => b.articles - a.articles || compareCodePoints(a.actor.id, b.actor.id));
}

const past = (list: RelatedActor[], after?: RelatedAfter) =>
  after
    ? list.filter(
        (r) => r.articles < after.articles || (r.articles === after.articles && compareCodePoints(r.actor.id, after.id) > 0),
      )
    : list;

describe('related actors over packed weeks', () => {
  let dataSource: DataSource;

  const append = async (rows: unknown[][]): Promise<void> => {
    if (rows.length === 0) return;
    await dataSource.query(
      `INSERT INTO ${ACTOR_PAIR_ENTRIES_TABLE} (actor_id, week, other_actor_id, articles)
       SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::int[])`,
      [0, 1, 2, 3].map((column) => rows.map((row) => row[column])),
    );
  };

  const database = databaseWithActors('related-packed-weeks', ACTORS);
  beforeAll(() => {
    dataSource = database.dataSource();
  });

  describe('when batches and packing rounds interleave, articles being added and taken back', () => {
    it('lists and pages every actor as the live articles do, and the view sums as they do, before and after everything is packed', async () => {
      let mergedInAll = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(stepArbitrary, { minLength: 1, maxLength: 12 }),
          fc.array(requestArbitrary, { minLength: 1, maxLength: 3 }),
          async (steps, requests) => {
            await dataSource.query(
              `TRUNCATE ${ACTOR_PAIR_ENTRIES_TABLE}, actor_pair_compaction, actor_pair_keys, actor_pair_vectors RESTART IDENTITY`,
            );
            const live: Article[] = [];
            for (const step of steps) {
              if (step.kind === 'pack') {
                const round = await dataSource.transaction((manager) => packActorPairEntries(manager, step.maxEntries));
                expect(round.ran).toBe(true);
                expect(round.packed).toBeLessThanOrEqual(step.maxEntries);
                continue;
              }
              const removed = [...new Set(step.removed.filter(() => live.length > 0).map((n) => n % live.length))]
                .sort((a, b) => b - a)
                .flatMap((i) => live.splice(i, 1));
              live.push(...step.added);
              await append([...step.added.flatMap((a) => entriesOf(a, 1)), ...removed.flatMap((a) => entriesOf(a, -1))]);
            }
            const check = async () => {
              for (const { actor, firstWeek, weeks, limit, cursorAt } of requests) {
                const end = Math.min(WEEKS.length, firstWeek + weeks);
                const all = expectedRelated(live, actor, firstWeek, end);
                const cursor = cursorAt === undefined || all.length === 0 ? undefined : all[cursorAt % all.length]!;
                const after = cursor && { articles: cursor.articles, id: cursor.actor.id };
                const page = await new ActorPairQueries(dataSource).related(actor, WEEKS[firstWeek]!, weekEnd(end), limit, after);
                expect(page).toEqual(past(all, after).slice(0, limit));
              }
              const sums = new Map<string, number>();
              for (const { week, actors } of live)
                for (const actor of actors)
                  for (const other of actors)
                    if (other !== actor)
                      sums.set(`${actor} ${WEEKS[week]} ${other}`, (sums.get(`${actor} ${WEEKS[week]} ${other}`) ?? 0) + 1);
              // The view the migration made, and the select a rebuild makes its view with (the projection catalog's).
              for (const source of ['actor_pairs', `(${actorPairsSelect('public')}) p`]) {
                const view: Array<{ actor_id: string; week: string; other_actor_id: string; articles: number }> =
                  await dataSource.query(`SELECT actor_id, week::text AS week, other_actor_id, articles FROM ${source}`);
                expect(new Map(view.map((r) => [`${r.actor_id} ${r.week} ${r.other_actor_id}`, r.articles]))).toEqual(sums);
              }
            };
            await check();
            // Small rounds, so that weeks gather change rows and get merged.
            let merged = 0;
            for (;;) {
              const round = await dataSource.transaction((manager) => packActorPairEntries(manager, 7));
              merged += round.weeksMerged;
              const [{ most }] = await dataSource.query(
                'SELECT coalesce(max(n), 0)::int AS most FROM (SELECT count(*) AS n FROM actor_pair_vectors GROUP BY actor_id, week) w',
              );
              expect(most).toBeLessThanOrEqual(PACKED_ROWS_PER_WEEK);
              if (round.packed === 0) break;
            }
            mergedInAll += merged;
            expect(Number((await dataSource.query(`SELECT count(*) AS n FROM ${ACTOR_PAIR_ENTRIES_TABLE}`))[0].n)).toBe(0);
            await check();
          },
        ),
        { numRuns: 60 },
      );
      // The runs merged weeks as well as adding change rows to them.
      expect(mergedInAll).toBeGreaterThan(0);
    });
  });

  describe('when another process holds the ledger for a round', () => {
    it('skips the packing round', async () => {
      // A first round makes the compaction row (one made in a transaction still open would hold the other round up).
      await dataSource.transaction((manager) => packActorPairEntries(manager, 10));
      await append(entriesOf({ week: 0, actors: ['a-1', 'a-2'] }, 1));
      const holder = dataSource.createQueryRunner();
      await holder.connect();
      try {
        await holder.startTransaction();
        expect((await packActorPairEntries(holder.manager, 10)).ran).toBe(true);
        expect(await dataSource.transaction((manager) => packActorPairEntries(manager, 10))).toEqual({
          ran: false,
          packed: 0,
          changesWritten: 0,
          weeksMerged: 0,
        });
        await holder.commitTransaction();
      } finally {
        await holder.release();
      }
    });
  });
});
