import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameKey } from '../text/name-normalizer';
import type { ActorDraft, MentionRef } from './actor-model';
import { ActorsByDescriptionWord } from './actors-by-description-word';
import { modifiersFitRole, roleWordsOf } from './role-words';

const mention = (start: number): MentionRef => ({
  actor: 0,
  kind: 'name',
  first: 0,
  last: 1,
  lead: 0,
  start,
  end: start + 4,
  text: 'Kiro',
  possessive: false,
  inQuote: false,
});

const actor = (kind: ActorDraft['kind'], name: string, starts: readonly number[], role?: string): ActorDraft => ({
  index: 0,
  id: `${kind}:${nameKey(name)}`,
  name,
  nameWords: name.split(' ').length,
  kind,
  gender: 'u',
  mentions: starts.map(mention),
  ...(role ? { role: { start: 0, end: role.length, text: role } } : {}),
});

/** What `resolveDescription` did before the index: every actor introduced before `start` weighed in turn. */
function plainPerson(actors: readonly ActorDraft[], title: string, modifiers: readonly string[], start: number) {
  const matches = actors.filter((a) => {
    if (!a.mentions.some((m) => m.start < start) || a.kind !== 'person') return false;
    const words = roleWordsOf(a);
    return words.has(title) && modifiersFitRole(modifiers, words);
  });
  return matches.length === 1 ? matches[0]! : null;
}

function plainOrganization(actors: readonly ActorDraft[], word: string, start: number) {
  const matches = actors.filter(
    (a) => a.mentions.some((m) => m.start < start) && a.kind === 'organization' && nameKey(a.name).split(' ').includes(word),
  );
  return matches.length === 1 ? matches[0]! : null;
}

// Titles, their abbreviations, demonyms, countries, states (one and two words, "U.S." keyed "u s") and role modifiers,
// so roles and descriptions meet every branch of modifiersFitRole.
const ROLE_WORDS = [
  'minister',
  'senator',
  'Sen.',
  'president',
  'Swedish',
  'Sweden',
  'Vermont',
  'South Carolina',
  'New York',
  'York',
  'U.S.',
  'former',
  'foreign',
];
const TITLES = ['minister', 'senator', 'president'];
const MODIFIERS = ['swedish', 'sweden', 'vermont', 'south', 'carolina', 'new', 'york', 'u s', 'former', 'foreign', 'kiro'];
const ORG_WORDS = ['Ministry', 'Foreign', 'Commission', 'European', 'Kiro', 'Bank'];

const starts = fc.array(fc.nat({ max: 200 }), { maxLength: 3 });
const person = fc
  .tuple(starts, fc.option(fc.array(fc.constantFrom(...ROLE_WORDS), { minLength: 1, maxLength: 4 }), { nil: undefined }))
  .map(([at, role]) => actor('person', 'Dana Kiro', at, role?.join(' ')));
const organization = fc
  .tuple(starts, fc.array(fc.constantFrom(...ORG_WORDS), { minLength: 1, maxLength: 3 }))
  .map(([at, words]) => actor('organization', words.join(' '), at));
const actors = fc.array(fc.oneof(person, organization), { maxLength: 14 });
const start = fc.integer({ min: -1, max: 202 });

describe(ActorsByDescriptionWord.name, () => {
  describe('when a person is described by a title and modifiers', () => {
    it('finds exactly the person that weighing every earlier actor finds', () => {
      fc.assert(
        fc.property(
          actors,
          fc.array(fc.tuple(fc.constantFrom(...TITLES), fc.array(fc.constantFrom(...MODIFIERS), { maxLength: 3 }), start), {
            minLength: 1,
            maxLength: 10,
          }),
          (all, descriptions) => {
            const index = new ActorsByDescriptionWord(all);
            for (const [title, modifiers, at] of descriptions)
              expect(index.solePersonByRole(title, modifiers, at)).toBe(plainPerson(all, title, modifiers, at));
          },
        ),
        { numRuns: 400 },
      );
    });
  });

  describe('when an organisation is described by a word of its name', () => {
    it('finds exactly the organisation that weighing every earlier actor finds', () => {
      fc.assert(
        fc.property(
          actors,
          fc.array(fc.tuple(fc.constantFrom(...ORG_WORDS.map(nameKey)), start), { maxLength: 10 }),
          (all, descriptions) => {
            const index = new ActorsByDescriptionWord(all);
            for (const [word, at] of descriptions)
              expect(index.soleOrganizationByNameWord(word, at)).toBe(plainOrganization(all, word, at));
          },
        ),
        { numRuns: 400 },
      );
    });
  });

  describe('when two ministers are introduced', () => {
    const first = actor('person', 'Dana Kiro', [10], 'Swedish minister');
    const second = actor('person', 'Eli Varga', [50], 'Vermont minister');
    const index = new ActorsByDescriptionWord([second, first]);

    it('gives the first to "the minister" between the two introductions', () => {
      expect(index.solePersonByRole('minister', [], 30)).toBe(first);
    });

    it('gives neither to "the minister" after both', () => {
      expect(index.solePersonByRole('minister', [], 60)).toBeNull();
    });

    it('gives each to the description whose modifiers fit its role', () => {
      expect(index.solePersonByRole('minister', ['swedish'], 60)).toBe(first);
      expect(index.solePersonByRole('minister', ['vermont'], 60)).toBe(second);
    });
  });

  describe('when a person has not been introduced before the description', () => {
    it('finds no one', () => {
      const index = new ActorsByDescriptionWord([actor('person', 'Dana Kiro', [40], 'minister')]);
      expect(index.solePersonByRole('minister', [], 40)).toBeNull();
    });
  });
});
