import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanTokens } from '../text/token-scanner';
import { unnamedSource, unnamedSpeaker } from './unnamed-source';

/** The description `unnamedSource` reads from `cue` (its first occurrence in `body`), after content ending at `contentEnd`. */
function described(body: string, cue: string, contentEnd = 0): string | null {
  const start = body.indexOf(cue);
  if (start < 0) throw new Error(`no "${cue}" in "${body}"`);
  const source = unnamedSource(scanTokens(body), { start, end: start + cue.length }, contentEnd);
  return source ? body.slice(source.start, source.end) : null;
}

describe(unnamedSource.name, () => {
  describe('when the subject of the speech verb describes a source', () => {
    it('reads the description before the verb, without the words between them', () => {
      expect(described('Aides said the plan would fail.', 'Aides said')).toBe('Aides');
      expect(
        described('The plan, senior officials have repeatedly said, would fail.', 'senior officials have repeatedly said'),
      ).toBe('senior officials');
    });

    it('reads it after "according to", up to the end of the phrase', () => {
      const body = 'The plan will fail, according to Democratic party officials.';
      expect(described(body, 'according to Democratic party officials', body.indexOf(','))).toBe('Democratic party officials');
    });

    it('reads it after the verb when the cue follows the quote, unless a clause follows the verb', () => {
      const body = '"We will win," said a source involved in the talks.';
      expect(described(body, 'said a source involved in the talks', body.indexOf(',"'))).toBe('a source involved in the talks');
      const clause = '"We will win," he said the candidate could be in a tight race.';
      expect(described(clause, 'said the candidate could be in a tight', clause.indexOf(',"'))).toBeNull();
    });
  });

  describe('when the cue holds only the last words of its subject', () => {
    it('goes back to where the subject starts', () => {
      expect(described('The caucus would start on time, and Democratic party officials said so.', 'officials said')).toBe(
        'Democratic party officials',
      );
      expect(described('People on the ground told reporters that the siege was over.', 'the ground told')).toBe(
        'People on the ground',
      );
    });
  });

  describe('when the verb leads a cue that comes before what is said', () => {
    it('reads no source: the words after the verb are what is said', () => {
      const body = 'Kiro said the minister would resign.';
      expect(described(body, 'said the minister', body.length)).toBeNull();
    });
  });

  describe('when the speech verb is passive', () => {
    it('reads no source: its subject was spoken to', () => {
      expect(described('His salespersons were told that feelings sell.', 'His salespersons were told that')).toBeNull();
      expect(described('Officials have been saying the plan would fail.', 'Officials have been saying')).toBe('Officials');
    });
  });

  describe('when the subject is a pronoun, a bare quantifier or no subject at all', () => {
    it('reads no source', () => {
      expect(described('He said the plan would fail.', 'He said')).toBeNull();
      expect(described('They said the plan would fail.', 'They said')).toBeNull();
      expect(described('Some of them said the plan would fail.', 'Some of them said')).toBeNull();
      expect(described('Most said the plan would fail.', 'Most said')).toBeNull();
      expect(described('The plan would fail, it was said.', 'it was said')).toBeNull();
    });
  });

  describe('when the subject is a share of those polled', () => {
    it('reads the share as the source, as PolNeAR annotates it', () => {
      expect(described('About half said the plan would fail.', 'About half said')).toBe('About half');
      expect(described('Half said the plan would fail.', 'Half said')).toBe('Half');
      expect(described('Six in 10 said the plan would fail.', 'Six in 10 said')).toBe('Six in 10');
    });
  });

  describe('when the words before the verb are a passive, not a subject', () => {
    it('reads no source', () => {
      expect(
        described('The offer was made by a campaign surrogate who said no.', 'made by a campaign surrogate who said'),
      ).toBeNull();
    });
  });

  describe('for any cue in any text', () => {
    it('describes with words of the cue or of its subject before it, never ending on a function word', () => {
      const word = fc.constantFrom(
        'officials',
        'the',
        'said',
        'a',
        'source',
        'he',
        'according',
        'to',
        'in',
        'was',
        ',',
        'Aides',
        'party',
      );
      fc.assert(
        fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (words, a, b) => {
          const body = words.join(' ');
          const tokens = scanTokens(body);
          const first = a % tokens.length;
          const last = first + (b % (tokens.length - first));
          const cue = { start: tokens[first]!.start, end: tokens[last]!.end };
          const source = unnamedSource(tokens, cue, 0);
          if (!source) return;
          expect(source.start).toBeGreaterThanOrEqual(0);
          expect(source.end).toBeLessThanOrEqual(cue.end);
          expect(source.end).toBeGreaterThan(source.start);
          const text = body.slice(source.start, source.end);
          const described = text.split(' ');
          expect(['the', 'a', 'he', 'to', 'in', 'was', 'said', ',', 'according']).not.toContain(described.at(-1));
          expect(['to', 'in', 'was', 'said', ',', 'according']).not.toContain(described[0]);
        }),
        { numRuns: 1000 },
      );
    });
  });
});

describe(unnamedSpeaker.name, () => {
  it('names the source by its words and gives it an id no actor has', () => {
    const body = 'The plan will fail, according to Democratic party officials.';
    const start = body.indexOf('Democratic');
    expect(unnamedSpeaker(body, { start, end: start + 'Democratic party officials'.length })).toEqual({
      actorId: 'unnamed:democratic-party-officials',
      name: 'Democratic party officials',
      mention: { start, end: start + 'Democratic party officials'.length },
    });
  });
});
