import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../article-analyzer';
import type { ArticleAnalysis } from '../analysis.types';
import { attributionCue } from './attribution-cues';

const reported = (a: ArticleAnalysis): Array<[string, string | undefined]> =>
  a.statements.filter((s) => s.kind === 'indirect').map((s) => [s.text, s.speaker?.name]);

describe(analyzeArticle.name, () => {
  describe('when learned cue clauses are switched on', () => {
    it('reports a trailing attribution by a known organisation that the rules leave out', () => {
      // "…, the IMF said." is the rules' own since 1.18.0; "concluded" closes no attribution for them.
      const body =
        'The IMF cut its forecast. Slower growth in rich nations is offset by faster growth elsewhere, the IMF concluded.';
      expect(reported(analyzeArticle({ id: 't', body }))).toEqual([]);
      expect(reported(analyzeArticle({ id: 't', body }, { learnedCueClauses: true }))).toEqual([
        ['Slower growth in rich nations is offset by faster growth elsewhere', 'International Monetary Fund'],
      ]);
    });

    it('reports the object of a learned evaluative cue whose subject is a named person', () => {
      const body = 'Senator Dana Kiro visited the plant on Monday. Kiro criticized the decision to close the plant next year.';
      expect(reported(analyzeArticle({ id: 't', body }, { learnedCueClauses: true }))).toEqual([
        ['the decision to close the plant next year', 'Dana Kiro'],
      ]);
    });

    it('reports nothing for a cue whose subject names no actor', () => {
      const unnamed = 'The plant would close next year because orders had collapsed, the letter noted in passing.';
      expect(reported(analyzeArticle({ id: 't', body: unnamed }, { learnedCueClauses: true }))).toEqual([]);
    });
  });
});

describe(analyzeArticle.name, () => {
  describe('when learned cue clauses are left at their default', () => {
    it('reports the that-clause of a learned cue the rule lexicon lacks', () => {
      const body = 'Senator Dana Kiro visited the plant on Monday. Kiro tweeted that the closure would cost the town its school.';
      expect(reported(analyzeArticle({ id: 't', body }))).toEqual([['the closure would cost the town its school', 'Dana Kiro']]);
    });

    it('does not report the bare object of an evaluative cue', () => {
      const body = 'Senator Dana Kiro visited the plant on Monday. Kiro criticized the decision to close the plant next year.';
      expect(reported(analyzeArticle({ id: 't', body }))).toEqual([]);
    });
  });
});

describe(attributionCue.name, () => {
  describe('when asked about words of the learned list', () => {
    it('knows the common speech cues and not ordinary words', () => {
      expect(attributionCue('said')?.share).toBeGreaterThan(0.8);
      expect(attributionCue('noted')).toBeDefined();
      expect(attributionCue('the')).toBeUndefined();
    });
  });
});
