import { describe, expect, it } from 'vitest';
import { CopyColumn, copyField, copyStatement, copyText } from './pg-copy-text';

describe(copyField.name, () => {
  describe('when text holds the characters COPY gives meaning to', () => {
    it('escapes backslash, newline, carriage return and tab, and nothing else', () => {
      expect(copyField('a\\b\nc\rd\te "q" , {x} NULL')).toBe('a\\\\b\\nc\\rd\\te "q" , {x} NULL');
    });
  });

  describe('when text repeats an escaped character', () => {
    it('escapes every occurrence', () => {
      expect(copyField('\t\t\\\\')).toBe('\\t\\t\\\\\\\\');
    });
  });

  describe('when the value is null or empty', () => {
    it('writes \\N for null and nothing for the empty string', () => {
      expect(copyField(null)).toBe('\\N');
      expect(copyField('')).toBe('');
    });
  });

  describe('when the value is a number', () => {
    it('writes it as is', () => {
      expect(copyField(-0.125)).toBe('-0.125');
      expect(copyField(42)).toBe('42');
    });
    it('refuses NaN and infinities', () => {
      expect(() => copyField(Number.NaN)).toThrow(RangeError);
      expect(() => copyField(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    });
  });

  describe('when the value is a list of text', () => {
    it('writes a text[] literal, COPY-escaped on top of the array escaping', () => {
      expect(copyField(['Maria "M" Lindqvist', 'C:\\x'])).toBe('{"Maria \\\\"M\\\\" Lindqvist","C:\\\\\\\\x"}');
      expect(copyField([])).toBe('{}');
    });
  });
});

describe(copyText.name, () => {
  const columns: ReadonlyArray<CopyColumn<{ id: string; n: number; note: string | null }>> = [
    { name: 'id', value: (r) => r.id },
    { name: 'n', value: (r) => r.n },
    { name: 'note', value: (r) => r.note },
  ];

  describe('when there are rows', () => {
    it('writes one tab-separated line per row, each ending in a newline', () => {
      const text = copyText(
        [
          { id: 'a', n: 1, note: null },
          { id: 'b', n: 2, note: 'two\nlines' },
        ],
        columns,
      );
      expect(text).toBe('a\t1\t\\N\nb\t2\ttwo\\nlines\n');
    });
  });

  describe('when there are no rows', () => {
    it('writes nothing', () => {
      expect(copyText([], columns)).toBe('');
    });
  });

  it('names the columns in the COPY statement in the same order', () => {
    expect(copyStatement('mentions', columns)).toBe('COPY mentions (id, n, note) FROM STDIN');
  });
});
