import { describe, expect, it } from 'vitest';
import { matchAlerts, ruleMatchesStatement, StatementClusterRef, SubscriptionRule } from './alert-matching';
import { actor, analyzed, statement } from '@chronicle/test-support';
import { subscriptionKey } from './name-keys';
import { compileSubscriptionRule, SubscriptionRuleSpec } from './subscription-rule';
import { statementIdentity } from './statement-identity';

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
      expect(alerts).toEqual([
        expect.objectContaining({ subscriptionId: 's1', actorId: trump.actorId, statementText: 'We will win' }),
      ]);
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

  describe('when an unnamed source speaks under the description a rule names', () => {
    it('raises nothing: rules watch actors, not descriptions', () => {
      const police = { actorId: 'unnamed:police', name: 'police' };
      const article = analyzed('e1', 'a1', { statements: [statement('the road will stay closed', police, 0, 'indirect')] }).data;
      expect(matchAlerts([rule('s1', ['police', 'Police'], ['direct', 'indirect'])], article)).toEqual([]);
    });
  });

  describe('when the same words appear twice in one article', () => {
    it('raises one candidate for the cluster, naming the first statement', () => {
      const article = analyzed('e1', 'a1', {
        statements: [statement('We will win.', trump, 0), statement('We will win', trump, 100)],
      }).data;
      const first = statementIdentity('a1', article.analysis.statements[0]!);
      expect(matchAlerts([rule('s1', ['person:donald-trump'])], article)).toEqual([
        expect.objectContaining({ clusterId: first.clusterId, statementId: first.id }),
      ]);
    });
  });

  describe('when several subscriptions match the same statement', () => {
    it('raises one candidate for each', () => {
      const article = analyzed('e1', 'a1', { statements: [statement('We will win', trump)] }).data;
      expect(matchAlerts([rule('s1', ['Trump']), rule('s2', ['Donald Trump'])], article).map((a) => a.subscriptionId)).toEqual([
        's1',
        's2',
      ]);
    });
  });

  describe('when one subscription matches different statements of the article', () => {
    it('raises one candidate for each cluster', () => {
      const article = analyzed('e1', 'a1', {
        statements: [statement('We will win', trump, 0), statement('We will build', trump, 100)],
      }).data;
      expect(matchAlerts([rule('s1', ['Trump'])], article).map((a) => a.statementText)).toEqual(['We will win', 'We will build']);
    });
  });
});

describe(ruleMatchesStatement.name, () => {
  describe('when the statement has no speaker', () => {
    it('does not match, whatever the rule', () => {
      const article = analyzed('e1', 'a1', { statements: [statement('x y z', null)] }).data;
      expect(ruleMatchesStatement(rule('s1', ['Trump'], ['direct', 'indirect']), article.analysis.statements[0]!, article)).toBe(
        false,
      );
    });
  });
});

describe('matchAlerts with rule conditions', () => {
  const rubio = { actorId: 'person:marco-rubio', name: 'Marco Rubio' };
  const compiled = (
    spec: SubscriptionRuleSpec,
    kinds: SubscriptionRule['kinds'] = ['direct'],
    actors = ['Rubio'],
  ): SubscriptionRule =>
    compileSubscriptionRule({
      id: 's1',
      actorKeys: actors.map(subscriptionKey),
      kinds: [...kinds],
      rule: spec,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  const quote = (
    text: string,
    score = 0,
    label: 'negative' | 'neutral' | 'positive' = 'neutral',
    kind: 'direct' | 'indirect' = 'direct',
  ) => ({
    ...statement(text, rubio, 0, kind),
    sentiment: { score, label },
  });
  const article = (
    statements: ReturnType<typeof quote>[],
    outlet = 'Wire One',
    actors = [actor('person:marco-rubio', 'Rubio')],
  ) => analyzed('e1', 'a1', { statements, outlet, actors }).data;

  describe('when the rule has a boolean text query', () => {
    it('alerts only on statements satisfying it', () => {
      const rule = compiled({ query: '(ukraine OR kyiv) AND NOT "peace deal"' });
      expect(matchAlerts([rule], article([quote('Ukraine needs air defence')]))).toHaveLength(1);
      expect(matchAlerts([rule], article([quote('Ukraine needs a peace deal')]))).toEqual([]);
      expect(matchAlerts([rule], article([quote('The budget is fine')]))).toEqual([]);
    });
  });

  describe('when the rule lists words', () => {
    it('alerts when any of them occurs', () => {
      const rule = compiled({ words: ['sanctions', 'air defence'] });
      expect(matchAlerts([rule], article([quote('More air defence now')]))).toHaveLength(1);
      expect(matchAlerts([rule], article([quote('More tanks now')]))).toEqual([]);
    });
  });

  describe('when the rule accepts any statement kind', () => {
    it('alerts on reported speech too', () => {
      const indirect = article([quote('talks may fail', 0, 'neutral', 'indirect')]);
      expect(matchAlerts([compiled({}, ['direct'])], indirect)).toEqual([]);
      expect(matchAlerts([compiled({}, ['direct', 'indirect'])], indirect)).toHaveLength(1);
    });
  });

  describe('when the rule includes or excludes outlets', () => {
    it('compares outlet names case- and accent-insensitively', () => {
      const include = compiled({ outlets: { include: ['wire one'] } });
      const exclude = compiled({ outlets: { exclude: ['WIRE ONE'] } });
      expect(matchAlerts([include], article([quote('x y z')], 'Wire One'))).toHaveLength(1);
      expect(matchAlerts([include], article([quote('x y z')], 'Daily Two'))).toEqual([]);
      expect(matchAlerts([exclude], article([quote('x y z')], 'Wire One'))).toEqual([]);
      expect(matchAlerts([exclude], article([quote('x y z')], 'Daily Two'))).toHaveLength(1);
    });
  });

  describe('when the rule wants negative statements only', () => {
    it('alerts on negative ones', () => {
      const rule = compiled({ sentiment: { labels: ['negative'] } });
      expect(matchAlerts([rule], article([quote('This is a disaster', -0.7, 'negative')]))).toHaveLength(1);
      expect(matchAlerts([rule], article([quote('This is fine', 0.1)]))).toEqual([]);
    });
  });

  describe('when the rule bounds the statement score', () => {
    it('alerts only strictly inside the bounds', () => {
      const below = compiled({ sentiment: { below: -0.5 } });
      expect(matchAlerts([below], article([quote('Bad', -0.7, 'negative')]))).toHaveLength(1);
      expect(matchAlerts([below], article([quote('Bad', -0.5, 'negative')]))).toEqual([]);
      expect(matchAlerts([below], article([quote('Meh', -0.3, 'negative')]))).toEqual([]);
      const above = compiled({ sentiment: { above: 0.3 } });
      expect(matchAlerts([above], article([quote('Good', 0.5, 'positive')]))).toHaveLength(1);
      expect(matchAlerts([above], article([quote('Good', 0.3, 'positive')]))).toEqual([]);
      expect(matchAlerts([above], article([quote('Fine', 0.1, 'positive')]))).toEqual([]);
    });
  });

  describe('when the article has no outlet', () => {
    it('fails an include list and passes an exclude list', () => {
      const noOutlet = { ...article([quote('x y z')]), outlet: null };
      expect(matchAlerts([compiled({ outlets: { include: ['wire one'] } })], noOutlet)).toEqual([]);
      expect(matchAlerts([compiled({ outlets: { exclude: ['wire one'] } })], noOutlet)).toHaveLength(1);
      expect(matchAlerts([compiled({ outlets: { include: [] } })], noOutlet)).toHaveLength(1);
    });
  });

  describe('when the rule has an empty include list', () => {
    it('allows every outlet', () => {
      expect(matchAlerts([compiled({ outlets: { include: [] } })], article([quote('x y z')], 'Daily Two'))).toHaveLength(1);
    });
  });

  describe('when the rule wants sentiment toward a named actor below a threshold', () => {
    it('reads the article sentiment toward that actor', () => {
      const rule = compiled({ sentiment: { toward: { actor: 'Putin', below: -0.2 } } });
      const putin = (score: number) => ({
        ...actor('person:vladimir-putin', 'Vladimir Putin'),
        sentiment: { score, label: 'negative' as const },
      });
      expect(matchAlerts([rule], article([quote('x y z')], 'Wire One', [putin(-0.5)]))).toHaveLength(1);
      expect(matchAlerts([rule], article([quote('x y z')], 'Wire One', [putin(0.1)]))).toEqual([]);
      expect(matchAlerts([rule], article([quote('x y z')], 'Wire One', []))).toEqual([]);
    });
  });

  describe('when novelty clusters are given', () => {
    const text = 'Ukraine needs air defence';
    const analysis = article([quote(text)]);
    const id = statementIdentity('a1', analysis.analysis.statements[0]!).id;
    const clusters = (openedAt: string) => new Map<string, StatementClusterRef>([[id, { clusterId: 'c1', openedAt }]]);

    it('alerts with the novelty cluster id when the cluster opened after the subscription', () => {
      expect(matchAlerts([compiled({})], analysis, clusters('2026-01-02T00:00:00.000Z'))).toEqual([
        expect.objectContaining({ clusterId: 'c1', statementId: id }),
      ]);
    });

    it('raises nothing for a cluster first seen before the subscription existed', () => {
      expect(matchAlerts([compiled({})], analysis, clusters('2025-12-31T00:00:00.000Z'))).toEqual([]);
    });

    it('alerts for a cluster first seen the instant the subscription was created', () => {
      expect(matchAlerts([compiled({})], analysis, clusters('2026-01-01T00:00:00.000Z'))).toHaveLength(1);
    });

    it('raises nothing for a statement novelty has not placed', () => {
      expect(matchAlerts([compiled({})], analysis, new Map())).toEqual([]);
    });
  });
});
