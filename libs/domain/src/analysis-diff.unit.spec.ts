import { describe, expect, it } from 'vitest';
import { actor, analyzed, statement } from './analyzed-event.fixture';
import { diffAnalyses, isUnchanged } from './analysis-diff';

const trump = { actorId: 'person:donald-trump', name: 'Donald Trump' };
const putin = { actorId: 'person:vladimir-putin', name: 'Vladimir Putin' };

describe(diffAnalyses.name, () => {
  describe('when the new analyzer finds another actor, drops a statement and fixes a speaker', () => {
    it('reports each change', () => {
      const before = analyzed('e1', 'a1', {
        actors: [actor('person:donald-trump', 'Trump')],
        statements: [statement('We will see', putin, 0), statement('scare', null, 50)],
      }).data.analysis;
      const after = analyzed('e2', 'a1', {
        actors: [actor('person:donald-trump', 'Trump'), actor('organization:kremlin', 'Kremlin')],
        statements: [statement('We will see', trump, 0), statement('A new claim', trump, 80)],
      }).data.analysis;
      const diff = diffAnalyses('a1', before, after);
      expect(diff).toEqual({
        articleId: 'a1',
        actorsAdded: ['organization:kremlin'],
        actorsRemoved: [],
        statementsAdded: 1,
        statementsRemoved: 1,
        speakersChanged: [{ text: 'We will see', before: 'Vladimir Putin', after: 'Donald Trump' }],
      });
      expect(isUnchanged(diff)).toBe(false);
    });
  });

  describe('when both analyses agree', () => {
    it('reports no change', () => {
      const same = analyzed('e1', 'a1', { actors: [actor('person:donald-trump', 'Trump')], statements: [statement('x', trump)] })
        .data.analysis;
      expect(isUnchanged(diffAnalyses('a1', same, same))).toBe(true);
    });
  });
});
