import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_TOKENS, splitSentences } from './sentence-splitter';
import { scanTokens } from './token-scanner';

describe(splitSentences.name, () => {
  describe('when a text has no sentence end for thousands of words', () => {
    const tokens = scanTokens('Kiro said '.repeat(2000));
    const sentences = splitSentences(tokens);

    it(`cuts it into sentences of at most ${MAX_SENTENCE_TOKENS} tokens`, () => {
      expect(sentences.length).toBeGreaterThan(1);
      for (const s of sentences) expect(s.last - s.first).toBeLessThanOrEqual(MAX_SENTENCE_TOKENS);
    });

    it('still covers every token once, in order', () => {
      expect(sentences[0]!.first).toBe(0);
      sentences.slice(1).forEach((s, i) => expect(s.first).toBe(sentences[i]!.last));
      expect(sentences.at(-1)!.last).toBe(tokens.length);
    });
  });

  describe('when a long sentence of news stays under the limit', () => {
    it('keeps it whole', () => {
      const long = `Kiro said ${'that the plant, which employs many people in the region, '.repeat(20)}would close.`;
      expect(scanTokens(long).length).toBeLessThan(MAX_SENTENCE_TOKENS);
      expect(splitSentences(scanTokens(`${long} He left.`)).map((s) => s.last - s.first)).toEqual([scanTokens(long).length, 3]);
    });
  });
});
