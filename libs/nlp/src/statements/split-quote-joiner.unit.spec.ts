import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../article-analyzer';
import type { ArticleAnalysis } from '../analysis.types';

const direct = (a: ArticleAnalysis): Array<[string, string | undefined]> =>
  a.statements.filter((s) => s.kind === 'direct').map((s) => [s.text, s.speaker?.name]);

const joined = (body: string): ArticleAnalysis => analyzeArticle({ id: 't', body });

describe(analyzeArticle.name, () => {
  describe('when a quote is split by its attribution on one line', () => {
    const body = '“The plan is dead,” Senator Dana Kiro said on Monday. “We will vote against it.”';

    it('reports one statement from the first piece to the last, attribution included', () => {
      expect(direct(joined(body))).toEqual([
        ['The plan is dead,” Senator Dana Kiro said on Monday. “We will vote against it.', 'Dana Kiro'],
      ]);
    });

    it('reports the pieces apart when joinSplitQuotes is off', () => {
      expect(direct(analyzeArticle({ id: 't', body }, { joinSplitQuotes: false }))).toEqual([
        ['The plan is dead,', 'Dana Kiro'],
        ['We will vote against it.', 'Dana Kiro'],
      ]);
    });
  });

  describe('when the next quote opens a new paragraph', () => {
    it('keeps the quotes apart', () => {
      const body = '“The plan is dead,” Senator Dana Kiro said.\n“We will vote against it,” she added.';
      expect(direct(joined(body))).toEqual([
        ['The plan is dead,', 'Dana Kiro'],
        ['We will vote against it,', 'Dana Kiro'],
      ]);
    });
  });

  describe('when the second quote has an attribution of its own after it', () => {
    it('keeps the quotes apart, though the speaker is the same', () => {
      const body = '“The plan is dead,” said Senator Dana Kiro. “We will vote against it,” she said.';
      expect(direct(joined(body))).toEqual([
        ['The plan is dead,', 'Dana Kiro'],
        ['We will vote against it,', 'Dana Kiro'],
      ]);
    });
  });

  describe('when a second speech verb introduces the second quote', () => {
    it('keeps the quotes apart ("…,” she said, adding, “…”)', () => {
      const body = 'Senator Dana Kiro spoke on Monday. “The plan is dead,” she said, adding, “We will vote against it.”';
      expect(direct(joined(body))).toEqual([
        ['The plan is dead,', 'Dana Kiro'],
        ['We will vote against it.', 'Dana Kiro'],
      ]);
    });
  });

  describe('when two speakers answer each other on one line', () => {
    it('keeps each quote with its speaker', () => {
      const body = '“The plan is dead,” Senator Dana Kiro said. “It is not,” Governor Tom Reyes replied.';
      expect(direct(joined(body))).toEqual([
        ['The plan is dead,', 'Dana Kiro'],
        ['It is not,', 'Tom Reyes'],
      ]);
    });
  });
  describe("when narration stands before the second quote's own speech verb", () => {
    it('keeps the quotes apart', () => {
      const body =
        'Singer Mary Blige appeared in a new clip on Monday.\n\n' +
        '“Promise you will keep your hands in sight.” Blige then turns to Clinton before asking her, “Where do we go from here?”';
      expect(direct(joined(body))).toEqual([
        ['Promise you will keep your hands in sight.', undefined],
        ['Where do we go from here?', 'Mary Blige'],
      ]);
    });
  });
});
