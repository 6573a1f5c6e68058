import { describe, expect, it } from 'vitest';
import { placeByKey } from '../lexicon/gazetteer';
import { TITLE_WORDS } from '../lexicon/word-lists';
import { sentenceFeatures } from './name-tagger';
import { TaggerLexicon, taggerLexicon, type TaggerLexiconJson } from './tagger-lexicon';

const EMPTY_LISTS = {
  places: '',
  givenNames: '',
  demonyms: '',
  people: '',
  organizations: '',
  orgWords: '',
  titleWords: '',
  monthsAndDays: '',
};

function lexiconOf(lists: Partial<typeof EMPTY_LISTS>): TaggerLexicon {
  return TaggerLexicon.fromJson({ format: 'chronicle-tagger-lexicon/1', ...EMPTY_LISTS, ...lists });
}

/** The lexicon feature (`l=…`) the tagger builds for a one-word sentence. */
function lexiconFeature(word: string): string | undefined {
  return sentenceFeatures([word])[0]!.find((f) => f.startsWith('l='));
}

describe('TaggerLexicon', () => {
  it('gives one letter per list that knows the word, in a fixed order, names by their key and words in lower case', () => {
    const lexicon = lexiconOf({
      places: 'jordan\nsao paulo',
      givenNames: 'jordan',
      people: 'jordan',
      organizations: 'fifa',
      orgWords: 'council',
      titleWords: 'senator\nmr',
      monthsAndDays: 'may',
      demonyms: 'french',
    });
    expect(lexicon.flags('Jordan')).toBe('PGR');
    expect(lexicon.flags("Jordan's")).toBe('PGR');
    expect(lexicon.flags('FIFA')).toBe('O');
    expect(lexicon.flags('French')).toBe('D');
    expect(lexicon.flags('Council')).toBe('W');
    expect(lexicon.flags('Senator')).toBe('T');
    expect(lexicon.flags('May')).toBe('M');
    expect(lexicon.flags('Paulo')).toBe('');
    expect(lexicon.flags('Ottawa')).toBe('');
  });

  it('reads back the lists it writes, each sorted', () => {
    const none = new Set<string>();
    const json = TaggerLexicon.toJson({
      places: new Set(['paris', 'bonn']),
      givenNames: none,
      demonyms: none,
      people: none,
      organizations: none,
      orgWords: none,
      titleWords: new Set(['senator']),
      monthsAndDays: none,
    });
    expect(json.places).toBe('bonn\nparis');
    expect(TaggerLexicon.fromJson(json).flags('Bonn')).toBe('P');
    expect(TaggerLexicon.fromJson(json).flags('senator')).toBe('T');
  });

  it('refuses another format and a missing list', () => {
    expect(() => TaggerLexicon.fromJson({ format: 'x', ...EMPTY_LISTS } as unknown as TaggerLexiconJson)).toThrow(
      /unknown format/,
    );
    const { places: _places, ...withoutPlaces } = EMPTY_LISTS;
    expect(() =>
      TaggerLexicon.fromJson({ format: 'chronicle-tagger-lexicon/1', ...withoutPlaces } as unknown as TaggerLexiconJson),
    ).toThrow(/places is missing/);
  });
});

describe('the shipped name tagger', () => {
  it('reads the lexicon frozen with its model, not the live lexicons the rules grow', () => {
    // Bermuda and "comptroller" joined the live gazetteer and title words after the model was trained.
    expect(placeByKey('bermuda')).toBeDefined();
    expect(TITLE_WORDS.has('comptroller')).toBe(true);
    expect(lexiconFeature('Bermuda')).toBe('l=');
    expect(lexiconFeature('Comptroller')).toBe('l=');
    expect(taggerLexicon().flags('Bermuda')).toBe('');
    // Words the frozen lists know still get their letters.
    expect(lexiconFeature('Paris')).toMatch(/^l=P/);
    expect(lexiconFeature('Senator')).toBe('l=T');
  });
});
