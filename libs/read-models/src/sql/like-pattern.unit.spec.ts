import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPattern } from './like-pattern';

/** Postgres's LIKE with `ESCAPE '\'`: `%` any run, `_` any one character, `\x` the character x. */
function like(value: string, pattern: string): boolean {
  let source = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i += 1) {
    const c = chars[i]!;
    if (c === '\\') {
      // Postgres refuses a pattern ending in the escape character.
      if (i + 1 === chars.length) throw new Error('LIKE pattern must not end with escape character');
      source += escapeRegExp(chars[(i += 1)]!);
    } else if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 'su').test(value);
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Text rich in LIKE's special characters. */
const likeText = fc.string({ unit: fc.constantFrom('%', '_', '\\', 'a', 'B', ' ', 'é'), maxLength: 12 });

describe(containsPattern.name, () => {
  describe('when the search text holds LIKE wildcards or the escape character', () => {
    it.each([
      ['%', 'Alpha', false],
      ['%', '50% Group', true],
      ['_', 'Alpha', false],
      ['_', 'Beta_x', true],
      ['\\', 'Alpha', false],
      ['\\', 'back\\slash', true],
      ['a%b', 'axxb', false],
      ['a%b', 'la%bc', true],
    ])('%j matches %j: %s', (text, value, expected) => {
      expect(like(value, containsPattern(text))).toBe(expected);
    });
  });

  describe('when any text is searched for', () => {
    it('matches exactly the values that contain it', () => {
      fc.assert(
        fc.property(likeText, likeText, likeText, likeText, (text, before, after, other) => {
          expect(like(`${before}${text}${after}`, containsPattern(text))).toBe(true);
          expect(like(other, containsPattern(text))).toBe(other.includes(text));
        }),
        { numRuns: 2000 },
      );
    });
  });
});
