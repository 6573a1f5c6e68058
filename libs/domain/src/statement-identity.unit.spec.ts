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
  it('depends on the article, kind and span only, not on the words or the speaker', () => {
    const here = statementId('a1', statement('We will win', trump, 10));
    expect(statementId('a1', statement('We all know', null, 10))).toBe(here);
    for (const other of [
      statementId('a1', statement('We will win', trump, 50)),
      statementId('a1', statement('We will win', trump, 10, 'indirect')),
      statementId('a2', statement('We will win', trump, 10)),
    ]) {
      expect(other).not.toBe(here);
    }
  });
});
