import { describe, expect, it } from 'vitest';
import { normalizeStatementText, statementClusterId } from './statement-cluster';

const trump = { actorId: 'person:donald-trump', name: 'Donald Trump' };
const putin = { actorId: 'person:vladimir-putin', name: 'Vladimir Putin' };

describe(statementClusterId.name, () => {
  describe('when outlets punctuate or capitalise the same words differently', () => {
    it('gives the same cluster', () => {
      expect(statementClusterId(trump.actorId, '“We will win -- believe me!”')).toBe(
        statementClusterId(trump.actorId, 'we will win, believe me'),
      );
    });
  });
  describe('when different speakers, or an unknown one, say the same words', () => {
    it('gives each its own cluster', () => {
      const ids = [trump.actorId, putin.actorId, null].map((speaker) => statementClusterId(speaker, 'We will win'));
      expect(new Set(ids).size).toBe(3);
    });
  });
});

describe(normalizeStatementText.name, () => {
  describe('when text has accents, case, quote marks and runs of punctuation', () => {
    it('keeps the words only, lower-cased and single-spaced', () => {
      expect(normalizeStatementText('  “Ça va — très BIEN!!”  ')).toBe('ca va tres bien');
    });
  });
});
