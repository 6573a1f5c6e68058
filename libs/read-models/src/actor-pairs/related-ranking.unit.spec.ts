import { compareCodePoints } from '@chronicle/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoMentionCount, isPageContender, pageCutoff, RelatedActor, RelatedAfter, relatedPage } from './related-ranking';

/** The counts a page can be cut from, as `ActorPairQueries.related` picks them. */
function pageContenders<Ref>(counts: ReadonlyArray<CoMentionCount<Ref>>, limit: number, after?: RelatedAfter) {
  const cutoff = pageCutoff(
    counts.map((c) => c.articles),
    limit,
    after,
  );
  return counts.filter((c) => isPageContender(c.articles, cutoff, after));
}

/** Co-mentioned actors with distinct ids and counts drawn to tie often (zero and negative ones too). */
const counts = fc.uniqueArray(
  fc.record({ id: fc.string({ unit: 'grapheme', maxLength: 3 }), articles: fc.integer({ min: -1, max: 4 }) }),
  {
    selector: (c) => c.id,
    maxLength: 40,
  },
);

const named = (list: ReadonlyArray<{ id: string; articles: number }>): RelatedActor[] =>
  list.map(({ id, articles }) => ({ actor: { id, name: id, kind: 'person', role: null }, articles }));

/** The plain ranking: live counts, most articles first, ties by id in code-point order, after the cursor. */
function rankedPlainly(
  list: ReadonlyArray<{ id: string; articles: number }>,
  limit: number,
  after?: RelatedAfter,
): RelatedActor[] {
  return named(list)
    .filter((r) => r.articles > 0)
    .sort((a, b) => b.articles - a.articles || compareCodePoints(a.actor.id, b.actor.id))
    .filter(
      (r) =>
        !after || r.articles < after.articles || (r.articles === after.articles && compareCodePoints(r.actor.id, after.id) > 0),
    )
    .slice(0, limit);
}

describe('related actors ranking', () => {
  describe('when a page is cut from the contenders alone', () => {
    it('is the page the plain ranking of every count gives, first page and after any cursor', () => {
      fc.assert(
        fc.property(counts, fc.integer({ min: 1, max: 12 }), fc.option(fc.nat(), { nil: undefined }), (list, limit, cursorAt) => {
          const plain = rankedPlainly(list, list.length);
          const cursor = cursorAt === undefined || plain.length === 0 ? undefined : plain[cursorAt % plain.length]!;
          const after = cursor && { articles: cursor.articles, id: cursor.actor.id };
          const refs: Array<CoMentionCount<string>> = list.map((c) => ({ ref: c.id, articles: c.articles }));
          const contenders = pageContenders(refs, limit, after);
          const page = relatedPage(named(contenders.map((c) => ({ id: c.ref, articles: c.articles }))), limit, after);
          expect(page).toEqual(rankedPlainly(list, limit, after));
        }),
      );
    });

    it('names few actors when the counts do not tie at the edge', () => {
      const many = Array.from({ length: 1000 }, (_, i) => ({ ref: i, articles: i + 1 }));
      expect(pageContenders(many, 20)).toHaveLength(20);
      expect(
        pageContenders(many, 20, { articles: 500, id: 'x' })
          .map((c) => c.articles)
          .sort((a, b) => b - a),
      ).toEqual(Array.from({ length: 21 }, (_, i) => 500 - i));
    });
  });
});
