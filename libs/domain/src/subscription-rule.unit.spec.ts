import { describe, expect, it } from 'vitest';
import { compileTextConditions } from './subscription-rule';
import { anyOfWords, parseTextQuery } from './subscription-query';

describe(compileTextConditions.name, () => {
  describe('when the spec has neither a query nor words', () => {
    it('has no text condition', () => {
      expect(compileTextConditions({})).toBeUndefined();
      expect(compileTextConditions({ words: [] })).toBeUndefined();
    });
  });
  describe('when the spec has only a query or only words', () => {
    it('is that condition', () => {
      expect(compileTextConditions({ query: 'ukraine -russia' })).toEqual(parseTextQuery('ukraine -russia'));
      expect(compileTextConditions({ words: ['oil', 'gas'] })).toEqual(anyOfWords(['oil', 'gas']));
    });
  });
  describe('when the spec has both', () => {
    it('requires both', () => {
      expect(compileTextConditions({ query: 'ukraine', words: ['oil', 'gas'] })).toEqual({
        op: 'and',
        of: [parseTextQuery('ukraine'), anyOfWords(['oil', 'gas'])],
      });
    });
  });
});
