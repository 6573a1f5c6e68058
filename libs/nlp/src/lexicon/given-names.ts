import { nameKey } from '../text/name-normalizer';
import data from './given-names.data.json';
import type { Gender } from './actor-registry';

const genders = new Map<string, Gender>();

for (const [gender, list] of [
  ['m', data.m],
  ['f', data.f],
  ['u', data.u],
] as const) {
  for (const name of list.split(/\s+/)) {
    if (!name) continue;
    const key = nameKey(name);
    const seen = genders.get(key);
    genders.set(key, seen && seen !== gender ? 'u' : gender);
  }
}

/** Every given-name key (for freezing the name tagger's lexicon: training/freeze-tagger-lexicon.ts). */
export function givenNameKeys(): Iterable<string> {
  return genders.keys();
}

/** The usual gender of a given name, or undefined when it is not a known given name. */
export function givenNameGender(key: string): Gender | undefined {
  return genders.get(key);
}
