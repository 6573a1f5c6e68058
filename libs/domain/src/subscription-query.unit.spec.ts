import { describe, expect, it } from 'vitest';
import { anyOfWords, matchesTextQuery, parseTextQuery, TextQuerySyntaxError } from './subscription-query';

const matches = (query: string, text: string): boolean => matchesTextQuery(parseTextQuery(query), text);

describe(parseTextQuery.name, () => {
  describe('when words are listed without operators', () => {
    it('requires all of them (implicit AND), in any order and case', () => {
      expect(matches('ukraine weapons', 'We will send WEAPONS to Ukraine.')).toBe(true);
      expect(matches('ukraine weapons', 'We will send money to Ukraine.')).toBe(false);
    });
  });

  describe('when OR, NOT and parentheses are combined', () => {
    it('follows NOT > AND > OR precedence', () => {
      const query = '(ukraine OR kyiv) AND NOT russia';
      expect(matches(query, 'Kyiv needs help')).toBe(true);
      expect(matches(query, 'Kyiv and Russia must talk')).toBe(false);
      expect(matches(query, 'Nothing about it')).toBe(false);
      expect(matches('sanctions -oil', 'Sanctions on gas')).toBe(true);
      expect(matches('sanctions -oil', 'Sanctions on oil')).toBe(false);
    });
  });

  describe('when a quoted phrase is given', () => {
    it('matches the words consecutively, ignoring punctuation and accents', () => {
      expect(matches('"air defence"', 'the AIR-defence, now')).toBe(true);
      expect(matches('"air defence"', 'defence of the air')).toBe(false);
      expect(matches('"Erdoğan said"', 'erdogan said so')).toBe(true);
    });
  });

  describe('when a word ends with *', () => {
    it('matches by prefix', () => {
      expect(matches('ukrain*', 'Ukrainian forces')).toBe(true);
      expect(matches('ukrain*', 'Europe')).toBe(false);
    });
  });

  describe('when the query is malformed', () => {
    it.each(['', '(ukraine', 'ukraine OR', 'AND ukraine', '"open phrase', '"!!!"', 'a )'])(
      'rejects %j with a message',
      (query) => {
        expect(() => parseTextQuery(query)).toThrow(TextQuerySyntaxError);
      },
    );
  });
});

describe(anyOfWords.name, () => {
  describe('when any listed word or phrase occurs', () => {
    it('matches', () => {
      const query = anyOfWords(['Ukraine', 'air defence']);
      expect(matchesTextQuery(query, 'We need air defence.')).toBe(true);
      expect(matchesTextQuery(query, 'Nothing here')).toBe(false);
    });
  });
});
