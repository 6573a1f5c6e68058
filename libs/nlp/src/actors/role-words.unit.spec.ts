import { describe, expect, it } from 'vitest';
import type { ActorDraft } from './actor-model';
import { roleWordsOf } from './role-words';

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
