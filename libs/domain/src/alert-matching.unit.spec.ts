import { describe, expect, it } from 'vitest';
import { matchAlerts, SubscriptionRule } from './alert-matching';
import { analyzed, statement } from './analyzed-event.fixture';
import { subscriptionKey } from './name-keys';

const trump = { actorId: 'person:donald-trump', name: 'Donald Trump' };
const erdogan = { actorId: 'person:recep-tayyip-erdogan', name: 'Recep Tayyip Erdoğan' };
const rule = (id: string, actors: string[], kinds: SubscriptionRule['kinds'] = ['direct']): SubscriptionRule => ({
  id,
  actorKeys: actors.map(subscriptionKey),
  kinds,
});

describe(matchAlerts.name, () => {
  describe('when a subscription names the speaker by surname', () => {
    it('matches the direct quote', () => {
      const article = analyzed('e1', 'a1', { statements: [statement('We will win', trump)] }).data;
      const alerts = matchAlerts([rule('s1', ['Trump'])], article);
      expect(alerts).toEqual([expect.objectContaining({ subscriptionId: 's1', actorId: trump.actorId, statementText: 'We will win' })]);
    });
  });

  describe('when the name is typed without diacritics', () => {
    it('still matches', () => {
      const article = analyzed('e1', 'a1', { statements: [statement('Peace now', erdogan)] }).data;
      expect(matchAlerts([rule('s1', ['Erdogan'])], article)).toHaveLength(1);
    });
  });

  describe('when the statement is reported speech and the rule wants direct quotes', () => {
    it('raises nothing', () => {
      const article = analyzed('e1', 'a1', { statements: [statement('talks may fail', trump, 0, 'indirect')] }).data;
      expect(matchAlerts([rule('s1', ['Trump'])], article)).toEqual([]);
      expect(matchAlerts([rule('s2', ['Trump'], ['direct', 'indirect'])], article)).toHaveLength(1);
    });
  });

  describe('when the statement has no speaker or another speaker', () => {
    it('raises nothing', () => {
      const article = analyzed('e1', 'a1', { statements: [statement('x', null), statement('y', erdogan, 5)] }).data;
      expect(matchAlerts([rule('s1', ['Trump'])], article)).toEqual([]);
    });
  });

  describe('when the same words appear twice in one article', () => {
    it('raises one candidate for the cluster', () => {
      const article = analyzed('e1', 'a1', {
        statements: [statement('We will win.', trump, 0), statement('We will win', trump, 100)],
      }).data;
      expect(matchAlerts([rule('s1', ['person:donald-trump'])], article)).toHaveLength(1);
    });
  });
});
