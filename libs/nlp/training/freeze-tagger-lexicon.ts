/**
 * Writes libs/nlp/src/names/model/name-tagger.lexicon.json, the word lists the name tagger's lexicon features read,
 * from the live lexicons (gazetteer, given names, actor registry and word lists).
 *
 * Run from the project root, then retrain both name models on the new lists (in this order):
 *   npm run train:names:lexicon && npm run train:names && npm run train:names:document
 * The tagger reads the frozen file, never the live lexicons, so rules may grow the lexicons without changing what the
 * shipped model sees, and its training scripts rebuild the shipped models byte for byte. The shipped file holds the
 * lexicons as they were when the sentence model was trained (libs/nlp 1.10.0). Retraining both models on the
 * lexicons of 1.29.0 scored the same on CoNLL-2003 dev within 0.1 but lower on GUM dev (named PER / ORG mention F1
 * 52.1 / 24.5 -> 49.4 / 22.1), and so did the 1.10.0 lists plus the three organisation words added since ("center",
 * "centre", "convention": 52.4 / 23.4 -> 48.8 / 23.1, CoNLL dev PER / ORG / LOC 95.4 / 87.8 / 95.1 -> 95.2 / 87.6 /
 * 95.1), so the 1.10.0 lists stay.
 */
import { join } from 'node:path';
import { demonymKeys, placeKeys } from '../src/lexicon/gazetteer';
import { givenNameKeys } from '../src/lexicon/given-names';
import { registryKeys } from '../src/lexicon/actor-registry';
import { HONORIFICS, MONTHS_AND_DAYS, ORG_WORDS, TITLE_WORDS } from '../src/lexicon/word-lists';
import { TaggerLexicon } from '../src/names/tagger-lexicon';
import { writeModelFile } from './write-model-file';

const LEXICON_FILE = join(__dirname, '..', 'src', 'names', 'model', 'name-tagger.lexicon.json');

async function main(): Promise<void> {
  const registry = [...registryKeys()];
  const json = TaggerLexicon.toJson({
    places: new Set(placeKeys()),
    givenNames: new Set(givenNameKeys()),
    demonyms: new Set(demonymKeys()),
    people: new Set(registry.filter(([, entry]) => entry.kind === 'person').map(([key]) => key)),
    organizations: new Set(registry.filter(([, entry]) => entry.kind !== 'person').map(([key]) => key)),
    orgWords: ORG_WORDS,
    titleWords: new Set([...TITLE_WORDS, ...HONORIFICS.keys()]),
    monthsAndDays: MONTHS_AND_DAYS,
  });
  await writeModelFile(LEXICON_FILE, json);
}

void main();
