import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameKey } from '../text/name-normalizer';
import type { ActorDraft } from './actor-model';
import { OrganizationsByLastWord } from './organizations-by-last-word';

const draft = (kind: ActorDraft['kind'], name: string, index: number): ActorDraft => ({
  index,
  id: `${kind}:${index}`,
  name,
  nameWords: name.split(' ').length,
  kind,
  gender: 'u',
  mentions: [],
});

/** What folding "the Commission" did before the index: the first longer-named organisation ending in it. */
function plainFirstEndingWith(actors: readonly ActorDraft[], word: string): ActorDraft | undefined {
  return actors.find(
    (a) => a.kind === 'organization' && a.name.split(' ').length > 1 && nameKey(a.name).split(' ').pop() === word,
  );
}

// Words whose name keys differ from their text ("Ministry's", "Rádio", "U.N.") and names of one word.
const WORDS = ['European', 'Commission', "Commission's", 'Ministry', 'Rádio', 'Radio', 'U.N.', 'Bank', ''];
const name = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
const PROBES = [...new Set(WORDS.flatMap((w) => [nameKey(w), ...nameKey(w).split(' ')]))];

describe(OrganizationsByLastWord.name, () => {
  describe('while actors are created one by one', () => {
    it('finds exactly the organisation that a pass over every actor finds', () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.constantFrom('person' as const, 'organization' as const), name), { maxLength: 30 }),
          (created) => {
            const actors: ActorDraft[] = [];
            const index = new OrganizationsByLastWord();
            for (const [kind, text] of created) {
              const actor = draft(kind, text, actors.length);
              actors.push(actor);
              index.add(actor);
              for (const word of PROBES) expect(index.firstEndingWith(word)).toBe(plainFirstEndingWith(actors, word));
            }
          },
        ),
        { numRuns: 400 },
      );
    });
  });

  describe('when two organisations end in the same word', () => {
    it('finds the one created first', () => {
      const index = new OrganizationsByLastWord();
      const european = draft('organization', 'European Commission', 0);
      index.add(european);
      index.add(draft('organization', 'Trade Commission', 1));
      index.add(draft('organization', 'Commission', 2));
      expect(index.firstEndingWith('commission')).toBe(european);
    });
  });
});
