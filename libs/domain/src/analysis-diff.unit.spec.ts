import { describe, expect, it } from 'vitest';
import { actor, analyzed, stance, statement } from '@chronicle/test-support';
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
        stancesAdded: 0,
        stancesRemoved: 0,
        speakersChanged: [{ text: 'We will see', before: 'Vladimir Putin', after: 'Donald Trump' }],
      });
      expect(isUnchanged(diff)).toBe(false);
    });
  });

  describe('when actors are swapped, statements move and speakers appear or vanish', () => {
    it('reports each change, actors sorted by id', () => {
      const before = analyzed('e1', 'a1', {
        actors: [actor('person:zelda-z', 'Zelda'), actor('person:donald-trump', 'Trump'), actor('person:anna-a', 'Anna')],
        statements: [
          statement('Unattributed', null, 0),
          statement('Attributed', trump, 20),
          statement('Stays unknown', null, 40),
        ],
      }).data.analysis;
      const after = analyzed('e2', 'a1', {
        actors: [actor('person:yuri-y', 'Yuri'), actor('person:donald-trump', 'Trump'), actor('person:bob-b', 'Bob')],
        statements: [
          statement('Unattributed', putin, 0),
          statement('Attributed', null, 20),
          statement('Stays unknown', null, 40),
        ],
      }).data.analysis;
      expect(diffAnalyses('a1', before, after)).toEqual({
        articleId: 'a1',
        actorsAdded: ['person:bob-b', 'person:yuri-y'],
        actorsRemoved: ['person:anna-a', 'person:zelda-z'],
        statementsAdded: 0,
        statementsRemoved: 0,
        stancesAdded: 0,
        stancesRemoved: 0,
        speakersChanged: [
          { text: 'Unattributed', before: null, after: 'Vladimir Putin' },
          { text: 'Attributed', before: 'Donald Trump', after: null },
        ],
      });
    });
  });

  describe('when stances are found, kept and lost', () => {
    it('counts those added and those removed by span', () => {
      const base = analyzed('e1', 'a1', { actors: [actor('person:donald-trump', 'Trump')] }).data.analysis;
      const before = { ...base, stances: [stance('the decision', trump, 20), stance('the plan', trump, 60)] };
      const after = {
        ...base,
        stances: [stance('the decision', putin, 20), stance('the vote', trump, 90), stance('the law', null, 120)],
      };
      expect(diffAnalyses('a1', before, after)).toMatchObject({ stancesAdded: 2, stancesRemoved: 1 });
      expect(diffAnalyses('a1', base, after)).toMatchObject({ stancesAdded: 3, stancesRemoved: 0 });
    });
  });

  describe('when any one kind of change happens', () => {
    const base = analyzed('e1', 'a1', { actors: [actor('person:donald-trump', 'Trump')], statements: [statement('x', trump, 0)] })
      .data.analysis;
    const twoStatements = { ...base, statements: [statement('x', trump, 0), statement('y', trump, 9)] };
    const withStance = { ...base, stances: [stance('the decision', trump, 30)] };
    it.each([
      ['an actor is swapped for another', base, { ...base, actors: [actor('person:vladimir-putin', 'Putin')] }],
      ['a statement moves', base, { ...base, statements: [statement('x', trump, 5)] }],
      ['a statement is added', base, twoStatements],
      ['a speaker changes', base, { ...base, statements: [statement('x', putin, 0)] }],
      ['a statement is removed as another changes speaker', twoStatements, { ...base, statements: [statement('x', putin, 0)] }],
      ['a stance is added to an analysis from before stances', base, withStance],
      ['a stance moves', withStance, { ...base, stances: [stance('the decision', trump, 31)] }],
    ])('reports a change when %s', (_, before, after) => {
      expect(isUnchanged(diffAnalyses('a1', before, after))).toBe(false);
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
