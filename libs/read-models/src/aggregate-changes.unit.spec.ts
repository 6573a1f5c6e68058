import { describe, expect, it } from 'vitest';
import { aggregateChanges } from './aggregate-changes';
import { hourStart, scoreMicros } from './actor-sentiment/fold';
import { ArticleContribution, foldAnalyses } from './contributions/fold';
import { actor, analyzed, feltActor, statement } from '@chronicle/test-support';

const lindqvist = (score: number, count = 1) => feltActor('person:maria-lindqvist', 'Maria Lindqvist', score, count);
const herrera = (score: number, count = 1) => feltActor('person:tomas-herrera', 'Tomas Herrera', score, count);
const speaker = { actorId: 'person:maria-lindqvist', name: 'Maria Lindqvist' };

/** A minimal in-memory store: contributions per article and counters summed from the deltas. */
class CountingStore {
  readonly contributions = new Map<string, ArticleContribution>();
  readonly counts = new Map<string, number>();

  replace(articleId: string, next: ArticleContribution | null): void {
    const previous = this.contributions.get(articleId);
    const changes = aggregateChanges(previous ? [previous] : [], next ? [next] : []);
    for (const a of changes.actors) {
      this.bump(`actor:${a.id}:mentions`, a.mentions);
      this.bump(`actor:${a.id}:articles`, a.articles);
      this.bump(`actor:${a.id}:statements`, a.statements);
    }
    for (const b of changes.actorSentiment) {
      for (const field of ['mentions', 'articles', 'positive', 'neutral', 'negative', 'scoreMicros'] as const) {
        this.bump(`bucket:${b.actorId}:${b.granularity}:${b.bucketStart}:${field}`, b[field]);
      }
    }
    for (const o of changes.outlets.outlets) this.bump(`outlet:${o.outlet}:articles`, o.articles);
    for (const p of changes.outlets.outletActors) this.bump(`pair:${p.outlet}:${p.actorId}`, p.articles);
    if (next) this.contributions.set(articleId, next);
    else this.contributions.delete(articleId);
  }

  private bump(key: string, delta: number): void {
    const value = (this.counts.get(key) ?? 0) + delta;
    if (value === 0) this.counts.delete(key);
    else this.counts.set(key, value);
  }
}

const contribution = (...args: Parameters<typeof analyzed>) => foldAnalyses([analyzed(...args)])[0]!;

/** Every order of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe(aggregateChanges.name, () => {
  describe('when one article is added', () => {
    it('counts its mentions, articles, statements and sentiment into hour buckets (days are summed from hours)', () => {
      const changes = aggregateChanges(
        [],
        [
          contribution('e1', 'a1', {
            actors: [lindqvist(0.5, 3), herrera(-0.4)],
            statements: [statement('We will not accept it', speaker)],
            publishedAt: '2026-01-01T10:30:00.000Z',
          }),
        ],
      );
      expect(changes.actors.map((a) => [a.id, a.mentions, a.articles, a.statements, a.recompute])).toEqual([
        ['person:maria-lindqvist', 3, 1, 1, false],
        ['person:tomas-herrera', 1, 1, 0, false],
      ]);
      const sums = { mentions: 3, articles: 1, positive: 1, neutral: 0, negative: 0, scoreMicros: 500000 };
      expect(changes.actorSentiment.filter((b) => b.actorId === 'person:maria-lindqvist')).toEqual([
        { actorId: 'person:maria-lindqvist', granularity: 'hour', bucketStart: '2026-01-01T10:00:00.000Z', ...sums },
      ]);
      expect(changes.outlets.outlets).toEqual([{ outlet: 'Example News', articles: 1 }]);
      expect(changes.outlets.outletActors).toHaveLength(2);
      expect(changes.statementReach).toEqual([
        expect.objectContaining({
          statements: 1,
          outlets: 1,
          firstArticleId: 'a1',
          firstOutlet: 'Example News',
          recompute: false,
        }),
      ]);
    });
  });

  describe('when an article is replaced by an identical analysis (a replay)', () => {
    it('changes no count', () => {
      const a1 = contribution('e1', 'a1', { actors: [lindqvist(0.5, 2)], statements: [statement('x', speaker)] });
      const changes = aggregateChanges([a1], [a1]);
      expect(changes.actorSentiment).toEqual([]);
      expect(changes.outlets.outletActors).toEqual([]);
      expect(changes.actors.map((a) => [a.mentions, a.articles, a.statements])).toEqual([[0, 0, 0]]);
      expect(changes.outlets.outlets).toEqual([{ outlet: 'Example News', articles: 0 }]);
    });
  });

  describe('given a log with two articles, when one is revised', () => {
    it('leaves the counts of a log that never had the old version', () => {
      const revised = new CountingStore();
      revised.replace('a1', contribution('e1', 'a1', { actors: [lindqvist(0.6, 4), herrera(0.2)], outlet: 'Wire One' }));
      revised.replace('a2', contribution('e2', 'a2', { actors: [lindqvist(-0.3)], outlet: 'Daily Two' }));
      const newVersion = contribution('e3', 'a1', {
        actors: [lindqvist(-0.8, 1)],
        outlet: 'Wire One',
        publishedAt: '2026-01-03T08:00:00.000Z',
        statements: [statement('A new quote', speaker)],
      });
      revised.replace('a1', newVersion);

      const clean = new CountingStore();
      clean.replace('a2', contribution('e2', 'a2', { actors: [lindqvist(-0.3)], outlet: 'Daily Two' }));
      clean.replace('a1', newVersion);
      expect(revised.counts).toEqual(clean.counts);
      expect(revised.counts.has('actor:person:tomas-herrera:articles')).toBe(false);
    });
  });

  describe('given a log with two articles, when one is retracted', () => {
    it('leaves the counts of a log that never had it, and replaying the retraction changes nothing', () => {
      const store = new CountingStore();
      store.replace('a1', contribution('e1', 'a1', { actors: [lindqvist(0.6, 4)], statements: [statement('x', speaker)] }));
      store.replace('a2', contribution('e2', 'a2', { actors: [herrera(0.1)] }));
      store.replace('a1', null);
      const afterOnce = new Map(store.counts);
      store.replace('a1', null);

      const clean = new CountingStore();
      clean.replace('a2', contribution('e2', 'a2', { actors: [herrera(0.1)] }));
      expect(store.counts).toEqual(clean.counts);
      expect(store.counts).toEqual(afterOnce);
    });
  });

  describe('when the same quote is carried by three articles from two outlets', () => {
    it('reaches two outlets and first appeared in the earliest article', () => {
      const quote = () => [statement('The numbers do not add up', speaker)];
      const changes = aggregateChanges(
        [],
        [
          contribution('e1', 'late', { statements: quote(), outlet: 'Wire One', publishedAt: '2026-01-02T00:00:00.000Z' }),
          contribution('e2', 'early', { statements: quote(), outlet: 'Daily Two', publishedAt: '2026-01-01T00:00:00.000Z' }),
          contribution('e3', 'again', { statements: quote(), outlet: 'Wire One', publishedAt: '2026-01-03T00:00:00.000Z' }),
        ],
      );
      expect(changes.statementReach).toEqual([
        expect.objectContaining({
          statements: 3,
          outlets: 2,
          firstArticleId: 'early',
          firstOutlet: 'Daily Two',
          lastSeen: '2026-01-03T00:00:00.000Z',
        }),
      ]);
    });
  });

  describe('when an actor loses a row', () => {
    it('asks for its merged fields to be recomputed from the remaining rows', () => {
      const changes = aggregateChanges([contribution('e1', 'a1', { actors: [lindqvist(0)] })], []);
      expect(changes.actors).toEqual([expect.objectContaining({ id: 'person:maria-lindqvist', articles: -1, recompute: true })]);
    });
  });

  describe('when one actor is named, described and seen differently by several articles', () => {
    const lindqvistAs = (name: string, role?: string) => ({
      ...actor('person:maria-lindqvist', name),
      ...(role ? { role } : {}),
    });
    const articles = [
      contribution('e1', 'a1', { actors: [lindqvistAs('Lindqvist')], publishedAt: '2026-01-02T10:00:00.000Z' }),
      contribution('e2', 'a2', { actors: [lindqvistAs('Marie Lindqvist', 'minister')], publishedAt: '2026-01-01T08:00:00.000Z' }),
      contribution('e3', 'a3', {
        actors: [lindqvistAs('Maria Lindqvist', 'foreign minister')],
        publishedAt: '2026-01-03T12:00:00.000Z',
      }),
      contribution('e4', 'a4', { actors: [lindqvistAs('M. Lindqvist')], publishedAt: '2026-01-02T09:00:00.000Z' }),
    ];

    it('keeps the longest name (ties: alphabetically first), the alphabetically first role, every alias and the whole seen window, whatever the order', () => {
      for (const order of permutations(articles)) {
        expect(aggregateChanges([], order).actors).toEqual([
          {
            id: 'person:maria-lindqvist',
            name: 'Maria Lindqvist',
            kind: 'person',
            role: 'foreign minister',
            aliases: ['Lindqvist', 'M. Lindqvist', 'Maria Lindqvist', 'Marie Lindqvist'],
            firstSeen: '2026-01-01T08:00:00.000Z',
            lastSeen: '2026-01-03T12:00:00.000Z',
            mentions: 4,
            articles: 4,
            statements: 0,
            recompute: false,
          },
        ]);
      }
    });
  });

  describe('when an article is replaced by a version that still mentions the actor', () => {
    it("asks for the actor's merged fields to be recomputed (the old version's name may be gone)", () => {
      const before = contribution('e1', 'a1', { actors: [lindqvist(0.5)] });
      const after = contribution('e2', 'a1', { actors: [lindqvist(0.5, 2)] });
      expect(aggregateChanges([before], [after]).actors).toEqual([
        expect.objectContaining({ id: 'person:maria-lindqvist', mentions: 1, articles: 0, recompute: true }),
      ]);
    });
  });

  describe('when a revision changes only how often an actor is mentioned', () => {
    it("keeps the hour bucket's mention delta", () => {
      const before = contribution('e1', 'a1', { actors: [lindqvist(0, 2)] });
      const after = contribution('e2', 'a1', { actors: [lindqvist(0, 3)] });
      const delta = { actorId: 'person:maria-lindqvist', mentions: 1, articles: 0, neutral: 0, scoreMicros: 0 };
      expect(aggregateChanges([before], [after]).actorSentiment).toEqual([
        expect.objectContaining({ ...delta, granularity: 'hour' }),
      ]);
    });
  });

  describe('when a revision changes only the sentiment score, within its label', () => {
    it("keeps the hour bucket's score delta", () => {
      const before = contribution('e1', 'a1', { actors: [lindqvist(0.5)] });
      const after = contribution('e2', 'a1', { actors: [lindqvist(0.75)] });
      const delta = { mentions: 0, articles: 0, positive: 0, scoreMicros: 250000 };
      expect(aggregateChanges([before], [after]).actorSentiment).toEqual([
        expect.objectContaining({ ...delta, granularity: 'hour' }),
      ]);
    });
  });

  describe('when an article has no outlet', () => {
    it('counts its actors and statements but no outlet, outlet pair or outlet reach', () => {
      const article = {
        ...contribution('e1', 'a1', { actors: [lindqvist(0.2)], statements: [statement('No outlet here', speaker)] }),
      };
      const withoutOutlet = {
        ...article,
        outlet: null,
        mentions: article.mentions.map((m) => ({ ...m, outlet: null })),
        statements: article.statements.map((st) => ({ ...st, outlet: null })),
      };
      const changes = aggregateChanges([], [withoutOutlet]);
      expect(changes.outlets.outlets).toEqual([]);
      expect(changes.outlets.outletActors).toEqual([]);
      expect(changes.actors).toEqual([expect.objectContaining({ articles: 1, statements: 1 })]);
      expect(changes.statementReach).toEqual([expect.objectContaining({ statements: 1, outlets: 0, firstOutlet: null })]);
    });
  });

  describe('when the same actor appears in articles of several outlets', () => {
    it('counts one outlet pair per outlet, in lock order (outlet, then actor)', () => {
      const changes = aggregateChanges(
        [],
        [
          contribution('e1', 'a1', { actors: [lindqvist(0)], outlet: 'Wire One' }),
          contribution('e2', 'a2', { actors: [herrera(0), lindqvist(0)], outlet: 'Wire' }),
          contribution('e3', 'a3', { actors: [lindqvist(0)], outlet: 'Wire One' }),
        ],
      );
      expect(changes.outlets.outletActors).toEqual([
        { outlet: 'Wire', actorId: 'person:maria-lindqvist', articles: 1 },
        { outlet: 'Wire', actorId: 'person:tomas-herrera', articles: 1 },
        { outlet: 'Wire One', actorId: 'person:maria-lindqvist', articles: 2 },
      ]);
      expect(changes.outlets.outlets).toEqual([
        { outlet: 'Wire', articles: 1 },
        { outlet: 'Wire One', articles: 2 },
      ]);
    });
  });

  describe('when actors arrive in any order', () => {
    it('lists them in lock order (by id)', () => {
      const changes = aggregateChanges([], [contribution('e1', 'a1', { actors: [herrera(0), lindqvist(0)] })]);
      expect(changes.actors.map((a) => a.id)).toEqual(['person:maria-lindqvist', 'person:tomas-herrera']);
    });
  });

  describe('when a stored contribution names a speaker it has no mention row for', () => {
    it('counts the statement for no actor', () => {
      const article = contribution('e1', 'a1', { actors: [herrera(0)], statements: [statement('Words', speaker)] });
      const stored = { ...article, statements: article.statements.map((st) => ({ ...st, speakerId: 'person:maria-lindqvist' })) };
      const changes = aggregateChanges([], [stored]);
      expect(changes.actors.map((a) => [a.id, a.statements])).toEqual([['person:tomas-herrera', 0]]);
      expect(changes.statementReach).toEqual([expect.objectContaining({ speakerId: 'person:maria-lindqvist', statements: 1 })]);
    });
  });

  describe('when only one of the articles carrying a quote lists its speaker as an actor', () => {
    it('gives the cluster that speaker, whatever the order', () => {
      const quote = [statement('We stand firm', speaker)];
      const listed = contribution('e1', 'a1', { actors: [lindqvist(0)], statements: quote });
      const unlisted = contribution('e2', 'a2', { statements: quote });
      for (const order of permutations([listed, unlisted])) {
        expect(aggregateChanges([], order).statementReach).toEqual([
          expect.objectContaining({ speakerId: 'person:maria-lindqvist', statements: 2 }),
        ]);
      }
    });
  });

  describe('when the articles carrying a quote arrive in any order', () => {
    it('dates its first appearance by the earliest (ties: smallest article id) and its last by the latest', () => {
      const quote = () => [statement('The numbers do not add up', speaker)];
      const articles = [
        contribution('e1', 'b-tie', { statements: quote(), outlet: 'Wire One', publishedAt: '2026-01-01T00:00:00.000Z' }),
        contribution('e2', 'a-tie', { statements: quote(), outlet: 'Daily Two', publishedAt: '2026-01-01T00:00:00.000Z' }),
        contribution('e3', 'late', { statements: quote(), outlet: 'Wire One', publishedAt: '2026-01-03T00:00:00.000Z' }),
        contribution('e4', 'middle', { statements: quote(), outlet: 'Daily Two', publishedAt: '2026-01-02T00:00:00.000Z' }),
      ];
      for (const order of permutations(articles)) {
        expect(aggregateChanges([], order).statementReach).toEqual([
          expect.objectContaining({
            statements: 4,
            outlets: 2,
            firstArticleId: 'a-tie',
            firstOutlet: 'Daily Two',
            firstSeen: '2026-01-01T00:00:00.000Z',
            lastSeen: '2026-01-03T00:00:00.000Z',
            recompute: false,
          }),
        ]);
      }
    });
  });

  describe('when an article carrying a quote is withdrawn', () => {
    it("asks for the quote's reach to be recounted from the remaining rows", () => {
      const article = contribution('e1', 'a1', { statements: [statement('Gone soon', speaker)], outlet: 'Wire One' });
      expect(aggregateChanges([article], []).statementReach).toEqual([
        expect.objectContaining({ statements: -1, outlets: 0, firstArticleId: null, recompute: true }),
      ]);
    });
  });
});

describe(hourStart.name, () => {
  it('truncates to the UTC hour, whatever offset the time was given in', () => {
    expect(hourStart('2026-03-05T01:45:10+02:00')).toBe('2026-03-04T23:00:00.000Z');
    expect(hourStart('2026-03-05T23:59:59.999Z')).toBe('2026-03-05T23:00:00.000Z');
    expect(hourStart('2026-03-05T01:45:10+0200')).toBe('2026-03-04T23:00:00.000Z');
  });
});

describe(scoreMicros.name, () => {
  it('rounds the score PostgreSQL stores as real to millionths, the same before and after a round trip', () => {
    expect(scoreMicros(0.1)).toBe(100000);
    expect(scoreMicros(Number(Math.fround(0.123456789).toPrecision(9)))).toBe(scoreMicros(0.123456789));
  });
});
