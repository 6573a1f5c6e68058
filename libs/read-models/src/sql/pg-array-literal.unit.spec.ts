import { describe, expect, it } from 'vitest';
import { booleanArrayLiteral, numberArrayLiteral, textArrayLiteral, textArraysLiteral } from './pg-array-literal';

describe(textArrayLiteral.name, () => {
  describe('when values hold array syntax', () => {
    it('quotes every element and escapes only backslashes and double quotes', () => {
      expect(textArrayLiteral(['a', 'b, {c}', 'NULL', ' d ', 'say "hi"', 'C:\\x', ''])).toBe(
        '{"a","b, {c}","NULL"," d ","say \\"hi\\"","C:\\\\x",""}',
      );
    });
  });

  describe('when a value is null', () => {
    it('writes an unquoted NULL', () => {
      expect(textArrayLiteral([null, 'x'])).toBe('{NULL,"x"}');
    });
  });

  describe('when there are no values', () => {
    it('writes an empty array', () => {
      expect(textArrayLiteral([])).toBe('{}');
    });
  });
});

describe(textArraysLiteral.name, () => {
  describe('when rows hold arrays of different lengths', () => {
    it('nests each row as a quoted text[] literal', () => {
      expect(textArraysLiteral([['Maria "M" Lindqvist', 'Lindqvist'], []])).toBe(
        '{"{\\"Maria \\\\\\"M\\\\\\" Lindqvist\\",\\"Lindqvist\\"}","{}"}',
      );
    });
  });
});

describe(numberArrayLiteral.name, () => {
  describe('when values are finite', () => {
    it('writes them unquoted', () => {
      expect(numberArrayLiteral([1, -2, 0.125, 0])).toBe('{1,-2,0.125,0}');
    });
  });

  describe('when a value is not finite', () => {
    it('refuses it rather than send an invalid literal', () => {
      expect(() => numberArrayLiteral([1, Number.NaN])).toThrow(RangeError);
    });
  });
});

describe(booleanArrayLiteral.name, () => {
  it('writes t and f', () => {
    expect(booleanArrayLiteral([true, false])).toBe('{t,f}');
  });
});
