import { describe, expect, it } from 'vitest';
import { scanTokens } from './token-scanner';
import { analyzeArticle } from '../article-analyzer';

describe(scanTokens.name, () => {
  describe("when three apostrophes close a nested single quote and a '' quote", () => {
    it('reads the single closing mark first, then the double one', () => {
      expect(scanTokens("''Say 'sorry,''' he said.").map((t) => t.text)).toEqual([
        "''",
        'Say',
        "'",
        'sorry',
        ',',
        "'",
        "''",
        'he',
        'said',
        '.',
      ]);
    });

    it('attributes the quote to the speaker after it', () => {
      const body = "Officials met on Monday.\n''I tell other banks, 'I'm sorry,''' said Tom Meyer, who runs a research firm.";
      const [quote] = analyzeArticle({ id: 't', body }).statements;
      expect(quote?.speaker?.name).toBe('Tom Meyer');
    });
  });

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
