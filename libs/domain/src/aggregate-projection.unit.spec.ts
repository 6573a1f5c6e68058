import { describe, expect, it } from 'vitest';
import { aggregateChanges, hourStart, scoreMicros } from './aggregate-projection';
import { ArticleContribution, foldAnalyses } from './analysis-projection';
import { analyzed, feltActor, statement } from './analyzed-event.fixture';

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
    for (const b of changes.buckets) {
      for (const field of ['mentions', 'articles', 'positive', 'neutral', 'negative', 'scoreMicros'] as const) {
        this.bump(`bucket:${b.actorId}:${b.bucketStart}:${field}`, b[field]);
      }
    }
    for (const o of changes.outlets) this.bump(`outlet:${o.outlet}:articles`, o.articles);
    for (const p of changes.outletActors) this.bump(`pair:${p.outlet}:${p.actorId}`, p.articles);
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

describe(aggregateChanges.name, () => {
  describe('when one article is added', () => {
    it('counts its mentions, articles, statements and sentiment into hour buckets', () => {
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
      expect(changes.buckets.filter((b) => b.actorId === 'person:maria-lindqvist')).toEqual([
        {
          actorId: 'person:maria-lindqvist',
          bucketStart: '2026-01-01T10:00:00.000Z',
          mentions: 3,
          articles: 1,
          positive: 1,
          neutral: 0,
          negative: 0,
          scoreMicros: 500000,
        },
      ]);
      expect(changes.outlets).toEqual([{ outlet: 'Example News', articles: 1 }]);
      expect(changes.outletActors).toHaveLength(2);
      expect(changes.clusters).toEqual([
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
      expect(changes.buckets).toEqual([]);
      expect(changes.outletActors).toEqual([]);
      expect(changes.actors.map((a) => [a.mentions, a.articles, a.statements])).toEqual([[0, 0, 0]]);
      expect(changes.outlets).toEqual([{ outlet: 'Example News', articles: 0 }]);
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
      expect(changes.clusters).toEqual([
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
});

describe(hourStart.name, () => {
  it('truncates to the UTC hour, whatever offset the time was given in', () => {
    expect(hourStart('2026-03-05T01:45:10+02:00')).toBe('2026-03-04T23:00:00.000Z');
    expect(hourStart('2026-03-05T23:59:59.999Z')).toBe('2026-03-05T23:00:00.000Z');
  });
});

describe(scoreMicros.name, () => {
  it('rounds the score PostgreSQL stores as real to millionths, the same before and after a round trip', () => {
    expect(scoreMicros(0.1)).toBe(100000);
    expect(scoreMicros(Number(Math.fround(0.123456789).toPrecision(9)))).toBe(scoreMicros(0.123456789));
  });
});
