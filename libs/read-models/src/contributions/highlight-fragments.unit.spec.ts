import { sanitizeText } from '@chronicle/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_START, HIGHLIGHT_STOP, splitHighlighted, TextFragment, unhighlighted } from './highlight-fragments';

const marked = (fragments: readonly TextFragment[]): string =>
  fragments.map((f) => (f.match ? `${HIGHLIGHT_START}${f.text}${HIGHLIGHT_STOP}` : f.text)).join('');

/** Text as ingest stores it (so without the delimiters): any text, sanitised. */
const storedText = fc.string({ unit: 'binary', maxLength: 12 }).map(sanitizeText);

describe(splitHighlighted.name, () => {
  describe('when a headline marks matched words', () => {
    it('returns the plain and matched segments in text order', () => {
      expect(
        splitHighlighted(`We will ${HIGHLIGHT_START}sanction${HIGHLIGHT_STOP} them, ${HIGHLIGHT_START}now${HIGHLIGHT_STOP}`),
      ).toEqual([
        { text: 'We will ', match: false },
        { text: 'sanction', match: true },
        { text: ' them, ', match: false },
        { text: 'now', match: true },
      ]);
    });

    it('merges matched words that follow each other and drops empty segments', () => {
      expect(splitHighlighted(`${HIGHLIGHT_START}air${HIGHLIGHT_STOP}${HIGHLIGHT_START} defence${HIGHLIGHT_STOP}`)).toEqual([
        { text: 'air defence', match: true },
      ]);
    });
  });

  describe('when nothing matched', () => {
    it('returns the whole text as one unmatched segment', () => {
      expect(splitHighlighted('no match here')).toEqual(unhighlighted('no match here'));
    });
  });

  describe('when any segments are marked and split again', () => {
    it('gives back the same text, with each character as matched as it was marked', () => {
      fc.assert(
        fc.property(fc.array(fc.record({ text: storedText, match: fc.boolean() }), { maxLength: 8 }), (fragments) => {
          const split = splitHighlighted(marked(fragments));
          expect(split.map((f) => f.text).join('')).toBe(fragments.map((f) => f.text).join(''));
          const perCharacter = (list: readonly TextFragment[]) => list.flatMap((f) => [...f.text].map(() => f.match));
          expect(perCharacter(split)).toEqual(perCharacter(fragments.filter((f) => f.text !== '')));
          for (let i = 1; i < split.length; i += 1) expect(split[i]!.match).not.toBe(split[i - 1]!.match);
          expect(split.every((f) => f.text !== '')).toBe(true);
        }),
      );
    });
  });
});
