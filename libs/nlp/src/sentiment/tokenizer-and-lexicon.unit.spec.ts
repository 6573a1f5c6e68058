import { describe, expect, it } from 'vitest';
import { lexiconScore, PUBLIC_LEXICON, tokenPolarities, wordPolarity } from './lexicon-scorer';
import { decodeBase64, encodeBase64 } from './linear-head';
import { tokenize } from './tokenizer';

describe('tokenizer', () => {
  it('keeps offsets and normalises curly apostrophes', () => {
    const text = 'She didn’t say “no.”';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual(['she', "didn't", 'say', '“', 'no', '.', '”']);
    for (const t of tokens) expect(text.slice(t.start, t.end).toLowerCase().replace('’', "'")).toBe(t.norm);
  });
});

describe('public lexicon', () => {
  it('averages AFINN-165 and VADER where both rate a word, and keeps either alone where only one does', () => {
    // abducted: AFINN -2 (x 0.6), VADER -2.3 (x 0.75); acclaim is AFINN's alone; abandoning VADER's alone.
    expect(PUBLIC_LEXICON.get('abducted')).toBeCloseTo((-1.2 + -1.72) / 2, 6);
    expect(PUBLIC_LEXICON.get('acclaim')).toBeCloseTo(1.2, 6);
    expect(PUBLIC_LEXICON.get('abandoning')).toBeCloseTo(-1.2, 6);
  });

  it('rates words the hand-written lexicon lacks, read through the same inflections', () => {
    expect(wordPolarity('abhorrent')).toBe(0);
    expect(wordPolarity('abhorrent', PUBLIC_LEXICON)).toBeLessThan(-1.5);
    expect(wordPolarity('acclaims', PUBLIC_LEXICON)).toBeGreaterThan(1);
    expect(wordPolarity('tuesday', PUBLIC_LEXICON)).toBe(0);
  });
});

describe('lexicon scorer', () => {
  it('knows news words and inflections', () => {
    expect(wordPolarity('praised')).toBeGreaterThan(0);
    expect(wordPolarity('scandals')).toBeLessThan(0);
    expect(wordPolarity('tuesday')).toBe(0);
  });

  it('applies negation up to the clause boundary', () => {
    const pols = tokenPolarities(tokenize('not good, but good'));
    expect(pols[1]).toBeLessThan(0);
    expect(pols[4]).toBeGreaterThan(0);
    expect(lexiconScore('not good')).toBeLessThan(0);
  });
});

describe('base64 weights codec', () => {
  it('round-trips every length remainder', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 257]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      expect(Array.from(decodeBase64(encodeBase64(bytes)))).toEqual(Array.from(bytes));
    }
  });
});
