import fc from 'fast-check';

/** Pieces of text that mean something to the text-query parser or to Postgres' tsquery syntax. */
const SYNTAX = [
  ' ',
  ' ',
  ' ',
  '(',
  ')',
  '"',
  '\u201c',
  '\u201d',
  '-',
  '*',
  'AND',
  'OR',
  'NOT',
  'and',
  'or',
  'not',
  '&',
  '|',
  '!',
  '<->',
  '<2>',
  ':',
  ':*',
  "'",
  "''",
  '\\',
  ',',
  '.',
  '@',
  '#',
  '$',
  '%',
  '/',
  '~',
  '<',
  '>',
  '\t',
  '\n',
  '\u00a0',
  '\u0301',
  'e\u0301',
  '\u2163',
  '\u00bd',
  '\u0663',
  '\u{1F600}',
  '\uFEFF',
];
const WORDS = [
  'sanctions',
  'sanction',
  'ukraine',
  'the',
  'a',
  'of',
  'air',
  'defence',
  'Erdoğan',
  'covid-19',
  'Ωμέγα',
  'Київ',
  '日本',
  'x',
];

/**
 * Strings a user might type into a text query, hostile ones included: words, stop words, scripts,
 * digits, the parser's operators and every character tsquery gives a meaning to, in any order.
 */
export function textQueryInput(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SYNTAX) },
    { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  );
  return fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(''));
}
