import {
  analyzed,
  actor,
  FIRST_ARTICLE,
  projectionSpec,
  READ_MODEL_SCENARIOS,
  retracted,
  SECOND_ARTICLE,
  SECOND_ARTICLE_REVISED,
  submitted,
} from '@chronicle/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldAnalyses } from '../contributions/fold';
import { actorPairsSlice } from './actor-pairs.slice';
import { ActorPairsFold, pairChangesOf, utcWeek } from './fold';

const spec = projectionSpec(actorPairsSlice);

const lindqvist = 'person:maria-lindqvist';
const herrera = 'person:juan-herrera';
const council = 'org:nordic-council';

describe('actor pairs read model', () => {
  describe('when an article mentions two actors and another only one', () => {
    it('counts the article once for each direction of the pair, in its UTC week (from Monday)', () => {
      spec
        .given({ analyses: [FIRST_ARTICLE] })
        .when({ analyses: [SECOND_ARTICLE] })
        .then([
          { actorId: herrera, week: '2025-12-29', otherActorId: lindqvist, articles: 1 },
          { actorId: lindqvist, week: '2025-12-29', otherActorId: herrera, articles: 1 },
        ]);
    });
  });

  describe('when three actors share articles on a Sunday and the Monday after', () => {
    it('keeps every ordered pair per week, counting each article once however often the actors are named', () => {
      const three = [actor(lindqvist, 'Maria Lindqvist', 3), actor(herrera, 'Juan Herrera', 2), actor(council, 'Nordic Council')];
      spec
        .given({
          analyses: [
            analyzed('p1', 'b1', { actors: three, publishedAt: '2026-02-01T23:59:59.000Z', sourceOffset: '0' }),
            analyzed('p2', 'b2', { actors: three.slice(0, 2), publishedAt: '2026-02-01T00:00:00.000Z', sourceOffset: '1' }),
            analyzed('p3', 'b3', { actors: three.slice(0, 2), publishedAt: '2026-02-02T00:00:00.000Z', sourceOffset: '2' }),
          ],
        })
        .when()
        .then([
          { actorId: council, week: '2026-01-26', otherActorId: herrera, articles: 1 },
          { actorId: council, week: '2026-01-26', otherActorId: lindqvist, articles: 1 },
          { actorId: herrera, week: '2026-01-26', otherActorId: council, articles: 1 },
          { actorId: herrera, week: '2026-01-26', otherActorId: lindqvist, articles: 2 },
          { actorId: herrera, week: '2026-02-02', otherActorId: lindqvist, articles: 1 },
          { actorId: lindqvist, week: '2026-01-26', otherActorId: council, articles: 1 },
          { actorId: lindqvist, week: '2026-01-26', otherActorId: herrera, articles: 2 },
          { actorId: lindqvist, week: '2026-02-02', otherActorId: herrera, articles: 1 },
        ]);
    });
  });

  describe('when an article is retracted', () => {
    it('removes its pairs', () => {
      spec
        .given({ articles: [submitted('0', 'a1', 'First', 'Wire One')] }, { analyses: [FIRST_ARTICLE] })
        .when({ articles: [retracted('1', 'a1')] })
        .then([]);
    });
  });

  describe('when a revision drops one actor and adds another', () => {
    it('moves the article from the old pairs to the new ones', () => {
      spec
        .given({ analyses: [FIRST_ARTICLE, SECOND_ARTICLE] })
        .when({ analyses: [SECOND_ARTICLE_REVISED] })
        .then(
          [
            { actorId: herrera, week: '2025-12-29', otherActorId: lindqvist, articles: 1 },
            { actorId: herrera, week: '2025-12-29', otherActorId: council, articles: 1 },
            { actorId: lindqvist, week: '2025-12-29', otherActorId: herrera, articles: 1 },
            { actorId: council, week: '2025-12-29', otherActorId: herrera, articles: 1 },
          ].sort((a, b) =>
            `${a.actorId}\0${a.week}\0${a.otherActorId}` < `${b.actorId}\0${b.week}\0${b.otherActorId}` ? -1 : 1,
          ),
        );
    });
  });

  for (const scenario of READ_MODEL_SCENARIOS) {
    describe(`when ${scenario.name}`, () => {
      it('leaves the pairs of the equivalent history', () => {
        spec
          .given(...scenario.history)
          .when()
          .thenSameAs(...scenario.sameAs);
      });
    });
  }
});

describe(ActorPairsFold.name, () => {
  const [first] = foldAnalyses([FIRST_ARTICLE]);
  const [revised] = foldAnalyses([SECOND_ARTICLE_REVISED]);

  describe('when a contribution is added and removed', () => {
    it('leaves no change', () => {
      const fold = new ActorPairsFold();
      fold.add(first!, 1);
      fold.add(first!, -1);
      expect(fold.changes()).toEqual({ otherActorIds: [], weeks: [] });
    });
  });

  describe('when a contribution is removed', () => {
    it('subtracts one article from each direction of each pair', () => {
      const fold = new ActorPairsFold();
      fold.add(first!, -1);
      expect(pairChangesOf(fold.changes())).toEqual([
        { actorId: herrera, week: '2025-12-29', otherActorId: lindqvist, articles: -1 },
        { actorId: lindqvist, week: '2025-12-29', otherActorId: herrera, articles: -1 },
      ]);
    });
  });

  describe('when articles of random actors and weeks are added and taken back', () => {
    it('gives each (actor, week) its deltas by co-mentioned actor, as counting every ordered pair one by one does', () => {
      const ids = ['person:a', 'person:b', 'org:c', 'person:d', 'org:e'];
      const article = fc.record({
        actors: fc.subarray(ids, { minLength: 0, maxLength: ids.length }),
        day: fc.integer({ min: 0, max: 20 }),
        sign: fc.constantFrom<1 | -1>(1, -1),
      });
      fc.assert(
        fc.property(fc.array(article, { maxLength: 30 }), (articles) => {
          const fold = new ActorPairsFold();
          const counted = new Map<string, number>();
          articles.forEach(({ actors, day, sign }, i) => {
            const seenAt = new Date(Date.UTC(2026, 0, 1 + day, 12)).toISOString();
            const mentions = actors.map((actorId) => ({ ...first!.mentions[0]!, actorId }));
            fold.add({ ...first!, articleId: `a${i}`, seenAt, mentions }, sign);
            for (const actorId of actors)
              for (const otherActorId of actors) {
                if (otherActorId === actorId) continue;
                const key = [actorId, utcWeek(seenAt), otherActorId].join('\u0000');
                counted.set(key, (counted.get(key) ?? 0) + sign);
              }
          });
          const changes = fold.changes();
          const expected = [...counted]
            .filter(([, articles]) => articles !== 0)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([key, articles]) => {
              const [actorId, week, otherActorId] = key.split('\u0000');
              return { actorId, week, otherActorId, articles };
            });
          expect(pairChangesOf(changes)).toEqual(expected);
          expect(changes.otherActorIds).toEqual([...new Set(expected.map((p) => p.otherActorId))].sort());
          expect(changes.weeks.every((w) => w.others.size > 0)).toBe(true);
        }),
      );
    });
  });

  describe('when one contribution replaces another', () => {
    it('gives the new pairs +1 and the old ones -1, in key order', () => {
      const fold = new ActorPairsFold();
      fold.add(revised!, 1);
      fold.add({ ...first!, articleId: revised!.articleId }, -1);
      expect(pairChangesOf(fold.changes()).map((c) => [c.actorId, c.otherActorId, c.articles])).toEqual(
        [
          [herrera, lindqvist, -1],
          [herrera, council, 1],
          [lindqvist, herrera, -1],
          [council, herrera, 1],
        ].sort((a, b) => (`${a[0]}\0${a[1]}` < `${b[0]}\0${b[1]}` ? -1 : 1)),
      );
    });
  });
});

describe(utcWeek.name, () => {
  it('takes the Monday of the UTC week of an instant with an offset', () => {
    expect(utcWeek('2026-03-01T01:30:00+02:00')).toBe('2026-02-23');
    expect(utcWeek('2026-03-01T23:59:59.999Z')).toBe('2026-02-23');
    expect(utcWeek('2026-03-02T00:00:00.000Z')).toBe('2026-03-02');
  });

  it('is the Monday on or before the instant, less than a week before it', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const monday = Date.parse(`${utcWeek(new Date(ms).toISOString())}T00:00:00Z`);
        expect(new Date(monday).getUTCDay()).toBe(1);
        expect(monday).toBeLessThanOrEqual(ms);
        expect(ms - monday).toBeLessThan(7 * 86_400_000);
      }),
    );
  });
});
