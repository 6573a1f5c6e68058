import { createDataSource, runMigrations } from '@chronicle/persistence';
import { ActorPairQueries, ActorSentimentQueries, ActorTrend, OutletQueries, trendSpans } from '@chronicle/read-models';
import { actor, analyzed, feltActor, retracted, submitted } from '@chronicle/test-support';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketWindow, DAY_MS, dayOf, HOUR_MS, previousWindow, weekWindow } from '../../apps/api/src/common/bucket-window';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';
import { projectInPostgres } from './support/slice-in-postgres';

const ana = 'person:ana-ruiz';
const ben = 'person:ben-okafor';
const cam = 'person:cam-lee';
const dia = 'org:dia-group';

/** Four actors over three days; the third article is retracted. */
const HISTORY = [
  {
    articles: [
      submitted('0', 'r1', 'One', 'Wire One'),
      submitted('1', 'r2', 'Two', 'Wire One'),
      submitted('2', 'r3', 'Three', 'Daily Two'),
    ],
  },
  {
    analyses: [
      analyzed('e1', 'r1', {
        actors: [feltActor(ana, 'Ana Ruiz', 0.5), actor(ben, 'Ben Okafor'), actor(cam, 'Cam Lee')],
        outlet: 'Wire One',
        publishedAt: '2026-03-01T09:00:00.000Z',
        sourceOffset: '0',
      }),
      analyzed('e2', 'r2', {
        actors: [feltActor(ana, 'Ana Ruiz', -0.5, 3), actor(ben, 'Ben Okafor')],
        outlet: 'Wire One',
        publishedAt: '2026-03-02T23:30:00.000Z',
        sourceOffset: '1',
      }),
      analyzed('e3', 'r3', {
        actors: [actor(ana, 'Ana Ruiz'), actor(dia, 'Dia Group')],
        outlet: 'Daily Two',
        publishedAt: '2026-03-03T12:00:00.000Z',
        sourceOffset: '2',
      }),
      analyzed('e4', 'r4', {
        actors: [actor(ana, 'Ana Ruiz'), actor(cam, 'Cam Lee')],
        outlet: 'Daily Two',
        publishedAt: '2026-03-03T13:00:00.000Z',
        sourceOffset: '3',
      }),
    ],
  },
  { articles: [retracted('5', 'r3')] },
];

describe('the dashboard queries', () => {
  let url: string;
  let dataSource: DataSource;
  let pairs: ActorPairQueries;

  beforeAll(async () => {
    url = await createTestDatabase('dashboard-queries');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
    await projectInPostgres(dataSource, HISTORY);
    pairs = new ActorPairQueries(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  const related = async (id: string, from: string, to: string, limit = 10, after?: { articles: number; id: string }) => {
    const window = weekWindow({ from, to });
    return (await pairs.related(id, dayOf(window.from), dayOf(window.to), limit, after)).map((r) => [r.actor.id, r.articles]);
  };

  // 2026-03-01 is a Sunday: e1 is in the week from Monday 2026-02-23, e2 and e4 in the week from 2026-03-02.
  describe(ActorPairQueries.name, () => {
    describe('when the window covers every week', () => {
      it('ranks co-mentioned actors by shared live articles, ties by id, without the retracted article', async () => {
        expect(await related(ana, '2026-02-23T00:00:00Z', '2026-03-09T00:00:00Z')).toEqual([
          [ben, 2],
          [cam, 2],
        ]);
      });
    });

    describe('when the window ends on a Monday', () => {
      it('leaves that week out (the end is exclusive)', async () => {
        expect(await related(ana, '2026-02-23T00:00:00Z', '2026-03-02T00:00:00Z')).toEqual([
          [ben, 1],
          [cam, 1],
        ]);
      });
    });

    describe('when the window lies inside a week', () => {
      it('counts that whole week', async () => {
        expect(await related(ana, '2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z')).toEqual([
          [ben, 1],
          [cam, 1],
        ]);
      });
    });

    describe('when a page is continued after its last row', () => {
      it('gives the rest in the same order', async () => {
        const [first] = await related(ana, '2026-02-23T00:00:00Z', '2026-03-09T00:00:00Z', 1);
        expect(first).toEqual([ben, 2]);
        expect(await related(ana, '2026-02-23T00:00:00Z', '2026-03-09T00:00:00Z', 1, { articles: 2, id: ben })).toEqual([
          [cam, 2],
        ]);
        expect(await related(ana, '2026-02-23T00:00:00Z', '2026-03-09T00:00:00Z', 1, { articles: 2, id: cam })).toEqual([]);
      });
    });
  });

  describe(ActorSentimentQueries.name, () => {
    describe('when the mentions of one day are compared with the day before', () => {
      it('gives each actor its mentions, mean score and their change, largest mention change first', async () => {
        const window = bucketWindow({ from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' }, DAY_MS);
        const previous = previousWindow(window);
        const trends = await new ActorSentimentQueries(dataSource).trends('day', previous.from, window.from, window.to, 10);
        expect(
          trends.map((t) => [t.actor.id, t.mentions, t.previousMentions, t.mentionChange, t.meanScore, t.previousMeanScore]),
        ).toEqual([
          [ana, 3, 1, 2, -0.5, 0.5],
          [cam, 0, 1, -1, null, 0],
          [ben, 1, 1, 0, 0, 0],
        ]);
        expect(trends[0]!.sentimentChange).toBe(-1);
        expect(trends[0]!.actor).toEqual({ id: ana, name: 'Ana Ruiz', kind: 'person', role: null });
      });
    });

    describe('when an hour window holds a whole day between partial ones', () => {
      it('gives the sums of its hour buckets (whole days read from day entries, edge hours from hour entries)', async () => {
        const window = bucketWindow({ from: '2026-03-01T20:00:00Z', to: '2026-03-03T14:00:00Z' }, HOUR_MS);
        const previous = previousWindow(window);
        expect(trendSpans('hour', previous.from, window.from, window.to).map((s) => s.granularity)).toContain('day');
        const hourSums = async (from: string, to: string) => {
          const rows: Array<{ actor_id: string; mentions: number; mean: string | null }> = await dataSource.query(
            `SELECT actor_id, sum(mentions)::int AS mentions, round(sum(score_micros)::numeric / sum(articles) / 1000000, 6) AS mean
             FROM actor_sentiment WHERE granularity = 'hour' AND bucket_start >= $1 AND bucket_start < $2 GROUP BY actor_id`,
            [from, to],
          );
          return new Map(rows.map((r) => [r.actor_id, r]));
        };
        const pick = ({ mentions, previousMentions, meanScore, previousMeanScore }: ActorTrend) => ({
          mentions,
          previousMentions,
          meanScore,
          previousMeanScore,
        });
        const [inWindow, before] = [await hourSums(window.from, window.to), await hourSums(previous.from, previous.to)];
        const expected = [...new Set([...inWindow.keys(), ...before.keys()])].map((id) => {
          const [now, then] = [inWindow.get(id), before.get(id)];
          const [mentions, previousMentions] = [now?.mentions ?? 0, then?.mentions ?? 0];
          return {
            id,
            mentions,
            previousMentions,
            meanScore: now ? Number(now.mean) : null,
            previousMeanScore: then ? Number(then.mean) : null,
          };
        });
        expected.sort(
          (a, b) =>
            Math.abs(b.mentions - b.previousMentions) - Math.abs(a.mentions - a.previousMentions) || (a.id < b.id ? -1 : 1),
        );

        const trends = await new ActorSentimentQueries(dataSource).trends('hour', previous.from, window.from, window.to, 10);

        expect(trends.map((t) => ({ id: t.actor.id, ...pick(t) }))).toEqual(expected);
        expect(trends[0]!.mentions).toBeGreaterThan(trends[0]!.previousMentions);
      });
    });

    describe('when the hour window ends where an article was published', () => {
      it('leaves that hour out', async () => {
        const window = bucketWindow({ from: '2026-03-03T12:00:00Z', to: '2026-03-03T13:00:00Z' }, HOUR_MS);
        const trends = await new ActorSentimentQueries(dataSource).trends(
          'hour',
          previousWindow(window).from,
          window.from,
          window.to,
          10,
        );
        // The 12:00 article is retracted and the 13:00 one is after the window: nothing in it.
        expect(trends.filter((t) => t.mentions > 0)).toEqual([]);
      });
    });
  });

  describe(OutletQueries.name, () => {
    describe("when an actor's outlets are paged", () => {
      it('lists them by articles naming the actor, then continues after the last', async () => {
        const outlets = new OutletQueries(dataSource);
        expect(await outlets.coveringActor(ana, 1)).toEqual([{ outlet: 'Wire One', articles: 2 }]);
        expect(await outlets.coveringActor(ana, 5, { articles: 2, outlet: 'Wire One' })).toEqual([
          { outlet: 'Daily Two', articles: 1 },
        ]);
      });
    });
  });
});
