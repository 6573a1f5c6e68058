import { describe, expect, it } from 'vitest';
import { scanTokens } from './token-scanner';
import { analyzeArticle } from '../article-analyzer';

describe(scanTokens.name, () => {
  describe('when a month abbreviation is followed by a day', () => {
    it('keeps the dot with the month, so no sentence ends there', () => {
      expect(scanTokens('on Dec. 28 and Sept. 11').map((t) => t.text)).toEqual(['on', 'Dec.', '28', 'and', 'Sept.', '11']);
    });

    it('lets the dot end the sentence when no day follows', () => {
      expect(scanTokens('He left in Dec. The talks resumed.').map((t) => t.text)).toEqual([
        'He',
        'left',
        'in',
        'Dec',
        '.',
        'The',
        'talks',
        'resumed',
        '.',
      ]);
    });

    it('reports the whole clause a dated meeting is part of', () => {
      const body = 'Minister Ana Roth said the council’s Dec. 28 meeting was planned two weeks ago.';
      expect(analyzeArticle({ id: 't', body }).statements.map((s) => s.text)).toEqual([
        'the council’s Dec. 28 meeting was planned two weeks ago',
      ]);
    });
  });
});
