import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, compareCodePoints } from './code-point-order';

const wellFormed = fc.string({ unit: 'binary', maxLength: 12 });
const utf8Order = (a: string, b: string) => Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));

describe(compareCodePoints.name, () => {
  it('orders a character above U+FFFF after one in U+E000–U+FFFF, as UTF-8 bytes do', () => {
    // '\u{1F600}' is the pair D83D DE00, which UTF-16 order puts below U+FF21.
    expect('\u{1F600}' < '\uFF21').toBe(true);
    expect(compareCodePoints('\u{1F600}', '\uFF21')).toBeGreaterThan(0);
    expect(compareCodePoints('\uFF21', '\u{1F600}')).toBeLessThan(0);
  });

  it('agrees with UTF-8 byte order on any well-formed strings', () => {
    fc.assert(
      fc.property(wellFormed, wellFormed, (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(utf8Order(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('puts a prefix first and calls equal strings equal', () => {
    expect(compareCodePoints('Ab', 'Abc')).toBeLessThan(0);
    expect(compareCodePoints('Abc', 'Ab')).toBeGreaterThan(0);
    expect(compareCodePoints('\u{1F600}x', '\u{1F600}x')).toBe(0);
  });
});

describe(codePointLength.name, () => {
  it('counts a surrogate pair as one character', () => {
    expect(codePointLength('a\u{1F600}b')).toBe(3);
    expect(codePointLength('\u{1F600}\u{1F601}')).toBe(2);
  });

  it('counts what the string iterator counts, on any well-formed string', () => {
    fc.assert(
      fc.property(wellFormed, (text) => {
        expect(codePointLength(text)).toBe([...text].length);
      }),
    );
  });
});
