import { nameKey } from '../text/name-normalizer';
// Loaded through the module system (resolveJsonModule), not the file system; the build copies the JSON asset.
import lexiconJson from './model/name-tagger.lexicon.json';

/**
 * The word lists the name tagger's lexicon features read, frozen as they were when its model was trained
 * (libs/nlp/training/freeze-tagger-lexicon.ts writes them from the live lexicons). The live lexicons grow with the
 * rules; a model trained on one state of them and run on another reads features it never saw, and its training
 * script would no longer rebuild it. Each list is joined by '\n'.
 */
export interface TaggerLexiconJson {
  format: 'chronicle-tagger-lexicon/1';
  /** Name keys (text/name-normalizer.ts) of gazetteer places. */
  places: string;
  /** Name keys of known given names. */
  givenNames: string;
  /** Name keys of nationality adjectives and nouns. */
  demonyms: string;
  /** Name keys of registry people and of registry organisations. */
  people: string;
  organizations: string;
  /** Lower-cased heads of organisation names, title words (with honorifics), and month and day names. */
  orgWords: string;
  titleWords: string;
  monthsAndDays: string;
}

const LIST_NAMES = [
  'places',
  'givenNames',
  'demonyms',
  'people',
  'organizations',
  'orgWords',
  'titleWords',
  'monthsAndDays',
] as const;

type ListName = (typeof LIST_NAMES)[number];

/** The lists of a `TaggerLexiconJson`, as sets. */
export type TaggerLexiconLists = Record<ListName, ReadonlySet<string>>;

/** One word's lexicon flags: which frozen lists know it. */
export class TaggerLexicon {
  private constructor(private readonly lists: TaggerLexiconLists) {}

  static fromJson(json: TaggerLexiconJson): TaggerLexicon {
    if (json.format !== 'chronicle-tagger-lexicon/1') throw new Error(`tagger lexicon: unknown format ${String(json.format)}`);
    const lists = {} as Record<ListName, ReadonlySet<string>>;
    for (const name of LIST_NAMES) {
      if (typeof json[name] !== 'string') throw new Error(`tagger lexicon: ${name} is missing`);
      lists[name] = new Set(json[name].split('\n').filter(Boolean));
    }
    return new TaggerLexicon(lists);
  }

  /** The JSON of these lists, each sorted (what freeze-tagger-lexicon.ts writes). */
  static toJson(lists: TaggerLexiconLists): TaggerLexiconJson {
    const json = { format: 'chronicle-tagger-lexicon/1' } as TaggerLexiconJson;
    for (const name of LIST_NAMES) json[name] = [...lists[name]].sort().join('\n');
    return json;
  }

  /**
   * Letters for the lists that know the word, in a fixed order: P place, G given name, D demonym, R registry person
   * or O registry organisation, W organisation word, T title or honorific, M month or day.
   */
  flags(word: string): string {
    const key = nameKey(word);
    const lists = this.lists;
    let flags = '';
    if (lists.places.has(key)) flags += 'P';
    if (lists.givenNames.has(key)) flags += 'G';
    if (lists.demonyms.has(key)) flags += 'D';
    if (lists.people.has(key)) flags += 'R';
    else if (lists.organizations.has(key)) flags += 'O';
    const lower = word.toLowerCase();
    if (lists.orgWords.has(lower)) flags += 'W';
    if (lists.titleWords.has(lower)) flags += 'T';
    if (lists.monthsAndDays.has(lower)) flags += 'M';
    return flags;
  }
}

const shipped = TaggerLexicon.fromJson(lexiconJson as unknown as TaggerLexiconJson);

/** The lexicon the shipped name tagger was trained with (model/name-tagger.lexicon.json). */
export function taggerLexicon(): TaggerLexicon {
  return shipped;
}
