import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActorDraft, MentionRef } from './actor-model';
import { PeopleByGivenName } from './people-by-given-name';

const draft = (kind: ActorDraft['kind'], index: number): ActorDraft => ({
  index,
  id: `${kind}:${index}`,
  name: `Kiro ${index}`,
  nameWords: 2,
  kind,
  gender: 'u',
  mentions: [],
});

const mention = { start: 0, end: 4, text: 'Kiro' } as MentionRef;

/** What personByGivenName did before the index: a pass over every actor of the article. */
function plainSoleNamed(actors: readonly ActorDraft[], given: string): ActorDraft | undefined {
  let found: ActorDraft | undefined;
  for (const a of actors) {
    if (a.kind !== 'person' || a.firstKey !== given || a.mentions.length === 0) continue;
    if (found) return undefined;
    found = a;
  }
  return found;
}

const GIVEN_NAMES = ['hillary', 'bernie', 'dana', 'eli'];

/** What the folder does, in any order: create an actor, give a person its first given name, mention an actor. */
const step = fc.oneof(
  fc.record({ op: fc.constant('create' as const), kind: fc.constantFrom('person' as const, 'organization' as const) }),
  fc.record({ op: fc.constant('name' as const), which: fc.nat(), given: fc.constantFrom(...GIVEN_NAMES) }),
  fc.record({ op: fc.constant('mention' as const), which: fc.nat() }),
);

describe(PeopleByGivenName.name, () => {
  describe('while actors are created, named and mentioned in any order', () => {
    it('finds exactly the person that a pass over every actor finds', () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
          const actors: ActorDraft[] = [];
          const index = new PeopleByGivenName();
          for (const s of steps) {
            if (s.op === 'create') actors.push(draft(s.kind, actors.length));
            const a = actors.length > 0 && s.op !== 'create' ? actors[s.which % actors.length]! : undefined;
            if (a && s.op === 'name' && a.kind === 'person' && a.firstKey === undefined) {
              a.firstKey = s.given;
              index.add(a);
            }
            if (a && s.op === 'mention') a.mentions.push(mention);
            for (const given of GIVEN_NAMES) expect(index.soleNamed(given)).toBe(plainSoleNamed(actors, given));
          }
        }),
        { numRuns: 400 },
      );
    });
  });

  describe('when two people share a given name', () => {
    it('finds neither', () => {
      const index = new PeopleByGivenName();
      for (const [i, given] of ['hillary', 'hillary', 'bernie'].entries()) {
        const a = { ...draft('person', i), firstKey: given, mentions: [mention] };
        index.add(a);
      }
      expect(index.soleNamed('hillary')).toBeUndefined();
      expect(index.soleNamed('bernie')?.index).toBe(2);
    });
  });
});
