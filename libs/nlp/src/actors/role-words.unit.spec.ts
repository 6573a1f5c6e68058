import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActorDraft } from './actor-model';
import { modifiersFitRole, requiredRoleWords, roleWordsOf } from './role-words';

const person = (role?: string): ActorDraft => ({
  index: 0,
  id: 'person:dana-kiro',
  name: 'Dana Kiro',
  nameWords: 2,
  kind: 'person',
  gender: 'u',
  mentions: [],
  ...(role ? { role: { start: 0, end: role.length, text: role } } : {}),
});

describe(roleWordsOf.name, () => {
  describe('when an actor has a role with an abbreviated title', () => {
    it('gives its words with the title spelt out', () => {
      expect([...roleWordsOf(person('Sen. Dana'))].sort()).toEqual(['dana', 'sen', 'senator']);
    });
  });

  describe('when asked again for the same role', () => {
    it('answers from what it read the first time (every description weighs every earlier actor)', () => {
      const actor = person('Ukrainian President');
      expect(roleWordsOf(actor)).toBe(roleWordsOf(actor));
    });
  });

  describe('when the actor is given another role', () => {
    it('reads the new one', () => {
      const actor = person('defense minister');
      expect(roleWordsOf(actor).has('minister')).toBe(true);
      actor.role = { start: 0, end: 9, text: 'President' };
      expect([...roleWordsOf(actor)]).toEqual(['president']);
    });
  });
});

// Demonyms, countries, states of one and two words, "U.S." (keyed "u s"), role modifiers and a word of no kind.
const MODIFIERS = ['swedish', 'sweden', 'vermont', 'south', 'carolina', 'new', 'york', 'u s', 'u', 's', 'former', 'kiro'];

describe(requiredRoleWords.name, () => {
  describe('for any modifiers and role', () => {
    it('names only words the role holds whenever the modifiers fit it', () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...MODIFIERS), { maxLength: 4 }),
          fc.array(fc.constantFrom(...MODIFIERS, 'senator'), { maxLength: 4 }),
          (modifiers, role) => {
            const words = new Set(role);
            if (modifiersFitRole(modifiers, words)) for (const w of requiredRoleWords(modifiers)) expect(words.has(w)).toBe(true);
          },
        ),
        { numRuns: 1000 },
      );
    });
  });

  describe('when a description names a state of two words and a demonym', () => {
    it('requires the demonym only', () => {
      expect(requiredRoleWords(['south', 'carolina', 'swedish'])).toEqual(['swedish']);
    });
  });
});
