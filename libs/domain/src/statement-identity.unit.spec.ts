import { describe, expect, it } from 'vitest';
import { statement } from '@chronicle/test-support';
import { statementClusterId } from './statement-cluster';
import { statementId, statementIdentity } from './statement-identity';

const trump = { actorId: 'person:donald-trump', name: 'Donald Trump' };

describe(statementIdentity.name, () => {
  describe('when the same span of the same article is analysed again', () => {
    it('gives the same ids', () => {
      expect(statementIdentity('a1', statement('We will win', trump, 10))).toEqual(
        statementIdentity('a1', statement('We will win', trump, 10)),
      );
    });
  });
  describe('when another span, kind or article carries the words', () => {
    it('gives another statement id but the same cluster id', () => {
      const here = statementIdentity('a1', statement('We will win', trump, 10));
      for (const other of [
        statementIdentity('a1', statement('We will win', trump, 50)),
        statementIdentity('a1', statement('We will win', trump, 10, 'indirect')),
        statementIdentity('a2', statement('We will win', trump, 10)),
      ]) {
        expect(other.id).not.toBe(here.id);
        expect(other.clusterId).toBe(here.clusterId);
      }
    });
  });
  describe('when the statement has no speaker', () => {
    it('clusters it with the other words of unknown speakers', () => {
      expect(statementIdentity('a1', statement('We will win', null)).clusterId).toBe(statementClusterId(null, 'We will win'));
      expect(statementIdentity('a1', statement('We will win', trump)).clusterId).toBe(
        statementClusterId(trump.actorId, 'We will win'),
      );
    });
  });
});

describe(statementId.name, () => {
  it('is the id statementIdentity gives, for every span, kind and article', () => {
    for (const [article, said] of [
      ['a1', statement('We will win', trump, 10)],
      ['a1', statement('We will win', trump, 10, 'indirect')],
      ['a2', statement('Never again', null, 50)],
    ] as const) {
      expect(statementId(article, said)).toBe(statementIdentity(article, said).id);
    }
  });
});
