import { textQueryInput } from '@chronicle/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTextQuery, TextQuerySyntaxError } from './subscription-query';
import { renderTsQuery } from './text-query-tsquery';

const rendered = (query: string): string => renderTsQuery(parseTextQuery(query));

/**
 * The shape of what the renderer may emit: quoted operands (letters and digits only), an
 * optional `:*`, and `&`, `|`, `!`, `<->` and parentheses around them, balanced.
 */
function isWellFormedTsQuery(text: string): boolean {
  const tokens = text.match(/'(?:[\p{L}\p{N}]|'')+'(?::\*)?|<->|[&|!()]| /gu) ?? [];
  if (tokens.join('') !== text) return false;
  let depth = 0;
  let expectOperand = true;
  for (const token of tokens) {
    if (token === ' ') continue;
    if (token === '(' || token === '!') {
      if (!expectOperand) return false;
      if (token === '(') depth += 1;
    } else if (token === ')') {
      if (expectOperand || depth === 0) return false;
      depth -= 1;
    } else if (token === '&' || token === '|' || token === '<->') {
      if (expectOperand) return false;
      expectOperand = true;
    } else {
      if (!expectOperand) return false;
      expectOperand = false;
    }
  }
  return depth === 0 && !expectOperand;
}

describe(renderTsQuery.name, () => {
  describe('when words are combined with AND, OR and NOT', () => {
    it('renders &, | and ! with the parser precedence made explicit by parentheses', () => {
      expect(rendered('sanctions')).toBe("'sanctions'");
      expect(rendered('ukraine weapons')).toBe("('ukraine' & 'weapons')");
      expect(rendered('(ukraine OR kyiv) AND NOT russia')).toBe("(('ukraine' | 'kyiv') & !'russia')");
      expect(rendered('a OR b c')).toBe("('a' | ('b' & 'c'))");
      expect(rendered('sanctions -oil')).toBe("('sanctions' & !'oil')");
    });
  });

  describe('when a phrase or a prefix is given', () => {
    it('chains the phrase words with <-> and marks the prefix with :*', () => {
      expect(rendered('"air defence"')).toBe("('air' <-> 'defence')");
      expect(rendered('ukrain*')).toBe("'ukrain':*");
      expect(rendered('covid-19*')).toBe("('covid' <-> '19':*)");
      expect(rendered('-"air defence"')).toBe("!('air' <-> 'defence')");
    });
  });

  describe('when the words carry case, accents or tsquery syntax', () => {
    it('keeps only their letters and digits, lower-cased, as quoted operands', () => {
      expect(rendered("Erdoğan's")).toBe("('erdogan' <-> 's')");
      expect(rendered("a&b|c!d:*e'f")).toBe("('a' <-> 'b' <-> 'c' <-> 'd' <-> 'e' <-> 'f')");
    });
  });

  describe('when any text is given', () => {
    it('is refused by the parser with a message, or renders a well-formed tsquery', () => {
      fc.assert(
        fc.property(fc.oneof(textQueryInput(), fc.string({ unit: 'binary' })), (input) => {
          let text: string;
          try {
            text = rendered(input);
          } catch (error) {
            expect(error).toBeInstanceOf(TextQuerySyntaxError);
            expect((error as Error).message.length).toBeGreaterThan(0);
            return;
          }
          expect(isWellFormedTsQuery(text), text).toBe(true);
        }),
        { numRuns: 2000 },
      );
    });
  });
});
