import { describe, expect, it } from 'vitest';
import { findBoilerplate, MASK_DATELINE, MASK_FURNITURE, MASK_SHORT_LINE, type MaskKind } from './boilerplate-masker';
import { scanTokens } from './token-scanner';

const kindsOf = (body: string): Array<[string, MaskKind]> =>
  findBoilerplate(body, scanTokens(body)).map(([start, end, kind]) => [body.slice(start, end), kind]);

describe(findBoilerplate.name, () => {
  describe('when a paragraph opens with a dateline', () => {
    it('marks the dateline as a dateline', () => {
      expect(kindsOf('KYIV, Ukraine (AP) — Officials said power was back.')).toEqual([['KYIV, Ukraine (AP) — ', MASK_DATELINE]]);
    });
  });

  describe('when a line is a photo credit or a colon label', () => {
    it('marks both as furniture', () => {
      const found = kindsOf('Workers repair a line. (Photo by Efrem Lukatsky/AP)\nRelated Sources:');
      expect(found).toContainEqual(['(Photo by Efrem Lukatsky/AP)', MASK_FURNITURE]);
      expect(found).toContainEqual(['Related Sources:', MASK_FURNITURE]);
    });
  });

  describe('when a short line ending in a colon is an attribution', () => {
    it('leaves it as prose, so the quote in the next paragraph finds its speaker', () => {
      expect(kindsOf('Senator Lind said:\n“We need a plan.”\nTranscript follows:')).toEqual([
        ['Transcript follows:', MASK_FURNITURE],
      ]);
    });
  });

  describe('when a short line is a heading in title case', () => {
    it('marks it as furniture', () => {
      expect(kindsOf('Kovarik Wins In Prague\nThe match ended late.')).toEqual([['Kovarik Wins In Prague', MASK_FURNITURE]]);
    });
  });

  describe('when a short line is a results line, a list of players or an all-caps headline', () => {
    it('marks each as a short line whose names stay readable', () => {
      const body =
        'Tomas Berdal (Norway) beat Ivo Kranjec (Croatia) 6-3 6-4\nWood, Loren Roberts, Steve Stricker\nJAPAN GET LUCKY WIN';
      expect(kindsOf(body).map(([, kind]) => kind)).toEqual([MASK_SHORT_LINE, MASK_SHORT_LINE, MASK_SHORT_LINE]);
    });
  });
});
