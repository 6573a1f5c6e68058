import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { givenNameGender } from '../lexicon/given-names';
import { COMMON_WORDS } from '../lexicon/word-lists';
import { nameKey } from '../text/name-normalizer';
import type { Gender } from '../lexicon/actor-registry';
import type { ActorDraft } from './actor-model';
import { PeopleBySurname } from './people-by-surname';

const person = (index: number, name: string): ActorDraft => ({
  index,
  id: `person:${index}`,
  name,
  nameWords: name.split(' ').length,
  kind: 'person',
  gender: 'u',
  mentions: [],
});

/** The folder's test for a double surname before the index ("Wasserman Schultz" after "Debbie Wasserman Schultz"). */
function isDoubleSurnameOf(words: readonly string[], name: string): boolean {
  const full = nameKey(name).split(' ');
  if (words.length < 2 || full.length !== words.length + 1 || givenNameGender(words[0]!) || COMMON_WORDS.has(full[0]!))
    return false;
  return words.every((w, i) => full[full.length - words.length + i] === w);
}

/** What createPerson did before the index: a pass over everyone listed under the surname. */
function plainFirstContinuedBy(lists: ReadonlyMap<string, ActorDraft[]>, words: readonly string[]): ActorDraft | undefined {
  return (lists.get(words[words.length - 1]!) ?? []).find(
    (a) => a.firstKey === words[0] || a.firstKey?.[0] === words[0] || words[0]!.length === 1 || isDoubleSurnameOf(words, a.name),
  );
}

/**
 * What the folder's personBySurname did before the index: of the surname's accepted people, the one whose latest
 * mention before `offset` is latest (the first listed on a tie), else the first accepted.
 */
function plainLatestMentionedBefore(
  listed: readonly ActorDraft[],
  starts: ReadonlyMap<ActorDraft, ReadonlySet<number>>,
  offset: number,
  accept: (person: ActorDraft) => boolean,
): ActorDraft | undefined {
  const list = listed.filter(accept);
  let best: ActorDraft | undefined;
  let bestPos = -1;
  for (const a of list) {
    const latest = Math.max(-1, ...[...starts.get(a)!].filter((s) => s < offset));
    if (latest > bestPos) [best, bestPos] = [a, latest];
  }
  return best ?? list[0];
}

// Given names, an initial, surnames that make double surnames, a common word and a particle.
const WORDS = ['John', 'Maria', 'J.', 'Kxa', 'Wasserman', 'Schultz', 'Smith', 'The', 'van'];
const KEYS = WORDS.map(nameKey);
/**
 * Any name of those words, or any first word before one of a few nested endings, so that people share double
 * surnames and a renamed person ("John Schultz" -> "John Wasserman Schultz") joins others' ("Maria Wasserman Schultz").
 */
const ENDINGS = ['Schultz', 'Wasserman Schultz', 'Kxa Wasserman Schultz', 'Smith', 'Kxa Smith', 'van Kxa Smith'];
const name = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((words) => words.join(' ')),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...ENDINGS)).map(([first, ending]) => `${first} ${ending}`),
);

/**
 * What the folder does, in any order: name a new person, list someone under a surname (mostly their name's last
 * word, as the folder does), give someone a longer name.
 */
const step = fc.oneof(
  fc.record({ op: fc.constant('create' as const), name }),
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('list' as const),
      which: fc.nat(),
      surname: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...KEYS) }),
    }),
  },
  fc.record({ op: fc.constant('rename' as const), which: fc.nat(), name }),
);

/**
 * A name's words to look up: any, or a name someone has or had without its first word (or more), so that double
 * surnames meet.
 */
const probe = fc.oneof(
  fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 }).map((words) => () => words),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 2 })).map(([which, drop]) => (names: readonly string[]) => {
    const words = nameKey(names[which % names.length] ?? 'Kxa').split(' ');
    return words.length > drop ? words.slice(drop) : words;
  }),
);

describe(PeopleBySurname.name, () => {
  describe('while people are named, listed under surnames and renamed in any order', () => {
    it('lists them and finds the person a name continues exactly as a pass over the surname’s people does', () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 30 }), fc.array(probe, { minLength: 1, maxLength: 8 }), (steps, probes) => {
          const people: ActorDraft[] = [];
          const index = new PeopleBySurname();
          const lists = new Map<string, ActorDraft[]>();
          const names: string[] = [];
          for (const s of steps) {
            if (s.op !== 'list') names.push(s.name);
            if (s.op === 'create') people.push(person(people.length, s.name));
            const a = people.length > 0 && s.op !== 'create' ? people[s.which % people.length]! : undefined;
            if (a && s.op === 'list') {
              const words = nameKey(a.name).split(' ');
              const surname = s.surname ?? words[words.length - 1]!;
              a.firstKey ??= words[0];
              index.add(a, surname, []);
              const list = lists.get(surname) ?? [];
              if (!list.includes(a)) list.push(a);
              lists.set(surname, list);
            }
            if (a && s.op === 'rename') {
              a.name = s.name;
              index.renamed(a);
            }
            for (const wordsOf of probes) {
              const words = wordsOf(names);
              expect(index.firstContinuedBy(words)).toBe(plainFirstContinuedBy(lists, words));
            }
            for (const surname of KEYS) {
              expect(index.has(surname)).toBe(lists.has(surname));
              expect(index.people(surname)).toEqual(lists.get(surname));
            }
          }
        }),
        // The sequences that tell first from last (a rename into others' double surname) are rare: many runs.
        { numRuns: 3000 },
      );
    });
  });

  describe('while people are mentioned, listed under surnames and given a gender in any order', () => {
    it('finds the person of a surname mentioned last before an offset exactly as a pass over its people does', () => {
      const genders: Gender[] = ['u', 'm', 'f'];
      const event = fc.oneof(
        fc.record({ op: fc.constant('mention' as const), which: fc.nat(), start: fc.nat({ max: 60 }) }),
        fc.record({ op: fc.constant('list' as const), which: fc.nat(), surname: fc.constantFrom('smith', 'kxa') }),
        fc.record({ op: fc.constant('gender' as const), which: fc.nat(), gender: fc.constantFrom(...genders) }),
      );
      const query = fc.record({
        surname: fc.constantFrom('smith', 'kxa', 'nobody'),
        offset: fc.integer({ min: -1, max: 62 }),
        titleGender: fc.constantFrom(...genders),
      });
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 6 }),
          fc.array(event, { maxLength: 40 }),
          fc.array(query, { minLength: 1, maxLength: 6 }),
          (size, events, queries) => {
            const people = Array.from({ length: size }, (_, i) => ({ ...person(i, `Kxa${i} Smith`), firstKey: `kxa${i}` }));
            const index = new PeopleBySurname();
            const starts = new Map<ActorDraft, Set<number>>(people.map((a) => [a, new Set()]));
            const lists = new Map<string, ActorDraft[]>();
            for (const e of events) {
              const a = people[e.which % size]!;
              if (e.op === 'mention' && !starts.get(a)!.has(e.start)) {
                starts.get(a)!.add(e.start);
                index.mentioned(a, e.start);
              }
              if (e.op === 'list') {
                index.add(a, e.surname, starts.get(a)!);
                const list = lists.get(e.surname) ?? [];
                if (!list.includes(a)) list.push(a);
                lists.set(e.surname, list);
              }
              if (e.op === 'gender') a.gender = e.gender;
              for (const q of queries) {
                const accept = (p: ActorDraft) => q.titleGender === 'u' || p.gender === 'u' || p.gender === q.titleGender;
                expect(index.latestMentionedBefore(q.surname, q.offset, accept)).toBe(
                  plainLatestMentionedBefore(lists.get(q.surname) ?? [], starts, q.offset, accept),
                );
              }
            }
          },
        ),
        { numRuns: 1000 },
      );
    });
  });

  describe('when a double surname follows the full name', () => {
    it('finds the person with that full name, not an earlier one of the same surname', () => {
      const index = new PeopleBySurname();
      const earlier = { ...person(0, 'Maria Schultz'), firstKey: 'maria' };
      const debbie = { ...person(1, 'Debbie Wasserman Schultz'), firstKey: 'debbie' };
      index.add(earlier, 'schultz', []);
      index.add(debbie, 'schultz', []);
      expect(index.firstContinuedBy(['wasserman', 'schultz'])).toBe(debbie);
    });
  });

  describe('when a person listed under a surname is given a longer name', () => {
    it('finds them by the rest of the new name only', () => {
      const index = new PeopleBySurname();
      const kiro = { ...person(0, 'Dana Kx Smith'), firstKey: 'dana' };
      index.add(kiro, 'smith', []);
      kiro.name = 'Dana Xq Kx Smith';
      index.renamed(kiro);
      expect(index.firstContinuedBy(['kx', 'smith'])).toBeUndefined();
      expect(index.firstContinuedBy(['xq', 'kx', 'smith'])).toBe(kiro);
    });
  });

  describe('when someone listed early is renamed into the double surname of someone listed later', () => {
    it('finds the one listed first', () => {
      const index = new PeopleBySurname();
      const john = { ...person(0, 'John Schultz'), firstKey: 'john' };
      const maria = { ...person(1, 'Maria Wasserman Schultz'), firstKey: 'maria' };
      index.add(john, 'schultz', []);
      index.add(maria, 'schultz', []);
      john.name = 'John Wasserman Schultz';
      index.renamed(john);
      expect(index.firstContinuedBy(['wasserman', 'schultz'])).toBe(john);
    });
  });
});
