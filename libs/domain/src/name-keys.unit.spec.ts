import { describe, expect, it } from 'vitest';
import { foldName, speakerKeys, subscriptionKey } from './name-keys';

describe(foldName.name, () => {
  describe('when names differ in case, accents, quote marks or punctuation', () => {
    it('folds them to the same words, single-spaced', () => {
      expect(foldName('“Recep Tayyip Erdoğan”')).toBe('recep tayyip erdogan');
      expect(foldName('Jean-Luc  -- Mélenchon')).toBe('jean luc melenchon');
    });
  });
});

describe(speakerKeys.name, () => {
  describe('when the speaker is a person with several names', () => {
    it('is found by id, folded full name and folded surname', () => {
      expect(speakerKeys({ actorId: 'person:recep-tayyip-erdogan', name: 'Recep Tayyip Erdoğan' })).toEqual([
        'person:recep-tayyip-erdogan',
        'recep tayyip erdogan',
        'erdogan',
      ]);
    });
  });
  describe('when the speaker is a person known by one name', () => {
    it('is found by id and that name', () => {
      expect(speakerKeys({ actorId: 'person:madonna', name: 'Madonna' })).toEqual(['person:madonna', 'madonna']);
    });
  });
  describe('when the speaker is a source no actor stands for', () => {
    it('is found under no key, not even its description', () => {
      expect(speakerKeys({ actorId: 'unnamed:police', name: 'police' })).toEqual([]);
      expect(
        speakerKeys({ actorId: 'unnamed:a-person-familiar-with-the-plan', name: 'a person familiar with the plan' }),
      ).toEqual([]);
    });
  });
  describe('when the speaker is an organisation', () => {
    it('is not found by its last word alone', () => {
      expect(speakerKeys({ actorId: 'organization:european-union', name: 'European Union' })).toEqual([
        'organization:european-union',
        'european union',
      ]);
    });
  });
});

describe(subscriptionKey.name, () => {
  describe('when the subscriber typed an actor id', () => {
    it('keeps it as it is', () => {
      expect(subscriptionKey('person:Recep-Tayyip-Erdogan')).toBe('person:Recep-Tayyip-Erdogan');
      expect(subscriptionKey('organization:nato')).toBe('organization:nato');
    });
  });
  describe('when the subscriber typed a name', () => {
    it('folds it', () => {
      expect(subscriptionKey('Erdoğan')).toBe('erdogan');
    });
  });
});
