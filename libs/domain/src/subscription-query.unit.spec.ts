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
      expect(matches('ukrain*', 'United we stand')).toBe(false);
    });
    it('matches only the last of several joined words by prefix', () => {
      expect(matches('air-def*', 'air defences')).toBe(true);
      expect(matches('air-def*', 'airs defences')).toBe(false);
    });
  });

  describe('when a word has no *', () => {
    it('matches whole words only', () => {
      expect(matches('war', 'Warsaw talks')).toBe(false);
      expect(matches('war', 'The war goes on')).toBe(true);
    });
  });

  describe('when a quoted phrase ends with *', () => {
    it('still matches whole words (only bare words are prefixes)', () => {
      expect(matches('"air defen*"', 'air defence')).toBe(false);
      expect(matches('"air defen*"', 'air defen')).toBe(true);
    });
  });

  describe('when the query is malformed', () => {
    it.each(['', '(ukraine', 'ukraine OR', 'AND ukraine', '"open phrase', '"!!!"', 'a )'])(
      'rejects %j with a message',
      (query) => {
        expect(() => parseTextQuery(query)).toThrow(TextQuerySyntaxError);
      },
    );
    it.each([
      ['', 'the query is empty'],
      ['   ', 'the query is empty'],
      ['(ukraine', 'expected ")" but found end of query'],
      ['(ukraine "air defence"', 'expected ")" but found end of query'],
      ['ukraine OR', 'expected a word, phrase, NOT or "(" but found end of query'],
      ['AND ukraine', 'expected a word, phrase, NOT or "(" but found AND'],
      ['ukraine OR OR', 'expected a word, phrase, NOT or "(" but found OR'],
      ['ukraine oil)', 'unexpected CLOSE'],
      ['x "open phrase', 'unterminated quoted phrase at position 3'],
      ['""', '"" contains no letters or digits'],
      ['"!!!"', '"!!!" contains no letters or digits'],
    ])('rejects %j: %s', (query, message) => {
      expect(() => parseTextQuery(query)).toThrow(expect.objectContaining({ name: 'TextQuerySyntaxError', message }));
    });
  });

  describe('when the query has more terms than allowed', () => {
    const terms = (count: number) => Array.from({ length: count }, (_, i) => `w${i}`).join(' OR ');
    it('accepts 50 terms and rejects 51', () => {
      expect(() => parseTextQuery(terms(50))).not.toThrow();
      expect(() => parseTextQuery(terms(51))).toThrow(new TextQuerySyntaxError('more than 50 terms'));
    });
  });

  describe('when a phrase is typed with typographic quotes', () => {
    it('reads it as a phrase', () => {
      expect(matches('\u201cair defence\u201d', 'the air defence')).toBe(true);
      expect(matches('\u201cair defence\u201d', 'defence of the air')).toBe(false);
      expect(matches('\u201dair defence\u201d', 'defence of the air')).toBe(false);
    });
  });

  describe('when a phrase or group follows a term without an operator', () => {
    it('requires both (implicit AND)', () => {
      expect(matches('ukraine "air defence"', 'Ukraine needs air defence')).toBe(true);
      expect(matches('ukraine "air defence"', 'Ukraine needs defence')).toBe(false);
      expect(matches('sanctions (oil OR gas)', 'Sanctions on gas')).toBe(true);
      expect(matches('sanctions (oil OR gas)', 'Sanctions on coal')).toBe(false);
    });
  });

  describe('when and, or and not are written in lower case or are part of a capitalised word', () => {
    it('treats them as words to find', () => {
      expect(matches('war or peace', 'War and peace')).toBe(false);
      expect(matches('war or peace', 'war or peace')).toBe(true);
      expect(matches('NATO', 'The NATO summit')).toBe(true);
    });
  });

  describe('when terms are combined', () => {
    it('builds the tree by precedence: NOT, then AND, then OR; a single term stays a term', () => {
      const term = (word: string) => ({ op: 'term', words: [word], prefix: false });
      expect(parseTextQuery('ukraine')).toEqual(term('ukraine'));
      expect(parseTextQuery('a OR b c -d')).toEqual({
        op: 'or',
        of: [term('a'), { op: 'and', of: [term('b'), term('c'), { op: 'not', of: term('d') }] }],
      });
    });
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
  describe('when a listed word contains quote marks', () => {
    it('reads them as word breaks', () => {
      const query = anyOfWords(['air"defence']);
      expect(matchesTextQuery(query, 'air defence')).toBe(true);
      expect(matchesTextQuery(query, 'airdefence')).toBe(false);
    });
  });
});
