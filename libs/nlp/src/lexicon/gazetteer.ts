import { nameKey } from '../text/name-normalizer';
import data from './gazetteer.data.json';

export interface PlaceEntry {
  name: string;
  capital: boolean;
}

const places = new Map<string, PlaceEntry>();
const demonyms = new Set<string>();
const placeSuffixes = new Set<string>();
const countries = new Set<string>();

function addAll(list: readonly string[], capital: boolean): void {
  for (const line of list) {
    const [canonical, ...variants] = line.split('|');
    const entry: PlaceEntry = { name: canonical!, capital };
    for (const form of [canonical!, ...variants]) {
      const key = nameKey(form);
      if (!places.has(key)) places.set(key, entry);
    }
  }
}

addAll(data.capitals, true);
addAll(data.countries, false);
for (const line of data.countries) for (const form of line.split('|')) countries.add(nameKey(form));
addAll(data.cities, false);
addAll(data.regions, false);
for (const d of data.demonyms) {
  const key = nameKey(d);
  demonyms.add(key);
  // Plural nationality nouns ("Russians", "Ukrainians") are not names either.
  if (!/(?:ese|ish|ch|ss|i)$/.test(key)) demonyms.add(`${key}s`);
}
for (const s of data.placeSuffixes) placeSuffixes.add(s.toLowerCase());

/** The gazetteer place a name key denotes, if any. */
export function placeByKey(key: string): PlaceEntry | undefined {
  return places.get(key);
}

/** Every place name key (for freezing the name tagger's lexicon: training/freeze-tagger-lexicon.ts). */
export function placeKeys(): Iterable<string> {
  return places.keys();
}

/** Every demonym key, plural nouns included. */
export function demonymKeys(): Iterable<string> {
  return demonyms;
}

/** True for nationality adjectives and nouns ("Ukrainian", "Russians"). */
export function isDemonym(key: string): boolean {
  return demonyms.has(key);
}

/** True for a last word that makes a capitalised sequence a place ("Palace", "Square", "River"). */
export function isPlaceSuffix(lower: string): boolean {
  return placeSuffixes.has(lower);
}

/** True for a country name: in sports copy a country is its national team, which newswire tags as a place. */
export function isCountry(key: string): boolean {
  return countries.has(key);
}
