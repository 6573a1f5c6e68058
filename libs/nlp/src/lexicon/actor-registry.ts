import { nameKey, slugify } from '../text/name-normalizer';
import data from './actor-registry.data.json';
import knownOrganizations from './known-organizations.data.json';
import type { ActorKind } from '../analysis.types';

export type Gender = 'm' | 'f' | 'u';

/** A well-known actor whose spelling variants all map to one stable id. */
export interface RegistryEntry {
  id: string;
  name: string;
  kind: ActorKind;
  gender: Gender;
  /** Name keys of the given names that may precede the surname ("volodymyr", "vladimir"). */
  givenNames: ReadonlySet<string>;
}

interface RawPerson {
  name: string;
  gender?: string;
  surname?: string;
  aliases: string[];
}

interface RawOrganization {
  name: string;
  aliases: string[];
}

const byAlias = new Map<string, RegistryEntry>();
const bySurname = new Map<string, RegistryEntry>();

function toGender(value: string | undefined): Gender {
  return value === 'm' || value === 'f' ? value : 'u';
}

function load(): void {
  for (const raw of data.people as RawPerson[]) {
    const entry: RegistryEntry = {
      id: `person:${slugify(raw.name)}`,
      name: raw.name,
      kind: 'person',
      gender: toGender(raw.gender),
      givenNames: new Set<string>(),
    };
    const surname = nameKey(raw.surname ?? raw.name.split(' ').slice(-1)[0]!);
    const givenNames = entry.givenNames as Set<string>;
    for (const form of [raw.name, ...raw.aliases]) {
      const key = nameKey(form);
      byAlias.set(key, entry);
      const parts = key.split(' ');
      if (parts.length > 1 && !raw.surname) givenNames.add(parts[0]!);
    }
    bySurname.set(surname, entry);
    byAlias.set(surname, entry);
  }
  for (const raw of data.organizations as RawOrganization[]) {
    const entry: RegistryEntry = {
      id: `organization:${slugify(raw.name)}`,
      name: raw.name,
      kind: 'organization',
      gender: 'u',
      givenNames: new Set<string>(),
    };
    for (const form of [raw.name, ...raw.aliases]) {
      byAlias.set(nameKey(form.replace(/^the\s+/i, '')), entry);
    }
  }
  // The curated people and organisations above win over the broad list when both name the same thing.
  for (const [group, lines] of Object.entries(knownOrganizations)) {
    if (group === 'about' || !Array.isArray(lines)) continue;
    for (const line of lines as string[]) {
      const [name, ...variants] = line.split('|');
      const entry: RegistryEntry = {
        id: `organization:${slugify(name!)}`,
        name: name!,
        kind: 'organization',
        gender: 'u',
        givenNames: new Set<string>(),
      };
      for (const form of [name!, ...variants]) {
        const key = nameKey(form.replace(/^the\s+/i, ''));
        if (!byAlias.has(key)) byAlias.set(key, entry);
      }
    }
  }
}
load();

/** The registry entry whose name or alias has this name key, if any. */
export function registryByKey(key: string): RegistryEntry | undefined {
  return byAlias.get(key);
}

/** Every name key the registry knows, with its entry (for freezing the name tagger's lexicon). */
export function registryKeys(): Iterable<[string, RegistryEntry]> {
  return byAlias.entries();
}

/**
 * The registry person a multi-word name refers to through its surname, when its first word is one of that
 * person's given names or an initial ("Tayyip Erdogan", "V. Putin") — never "Melania Trump".
 */
export function registryBySurname(firstKey: string, surnameKey: string): RegistryEntry | undefined {
  const entry = bySurname.get(surnameKey);
  if (!entry) return undefined;
  if (firstKey.length === 1 || entry.givenNames.has(firstKey)) return entry;
  return undefined;
}
