import { describe, expect, it } from 'vitest';
import { positionMismatches } from './stored-positions';

const log = {
  clusterId: 'cluster-B',
  partitions: [
    { topic: 'chronicle.articles.v1', partition: 0, start: '0', end: '120' },
    { topic: 'chronicle.articles.v1', partition: 1, start: '0', end: '7' },
  ],
};

function position(partition: number, nextOffset: string, clusterId: string | null = 'cluster-B', topic = 'chronicle.articles.v1') {
  return { topic, partition, next_offset: nextOffset, cluster_id: clusterId };
}

describe(positionMismatches.name, () => {
  describe('when every position lies within its partition of the same cluster', () => {
    it('finds nothing, including positions at the very end and positions not yet bound to a cluster', () => {
      expect(positionMismatches([position(0, '120'), position(1, '0', null)], log)).toEqual([]);
    });
  });

  describe('when the positions were stored for another cluster', () => {
    it('names the partition and both cluster ids', () => {
      expect(positionMismatches([position(0, '5', 'cluster-A')], log)).toEqual([
        'chronicle.articles.v1[0] was stored for Kafka cluster cluster-A, but the broker is cluster cluster-B',
      ]);
    });
  });

  describe('when a topic was deleted and recreated', () => {
    it('names every position beyond the new log end, and partitions that no longer exist', () => {
      expect(positionMismatches([position(0, '121'), position(1, '8'), position(2, '3')], log)).toEqual([
        expect.stringContaining('chronicle.articles.v1[0]: stored position 121 is beyond the log end 120'),
        expect.stringContaining('chronicle.articles.v1[1]: stored position 8 is beyond the log end 7'),
        expect.stringContaining('chronicle.articles.v1[2] has a stored position (3) but the topic has no such partition'),
      ]);
    });
  });

  describe('when a position belongs to a topic the consumer does not read now', () => {
    it('leaves it alone', () => {
      expect(positionMismatches([position(0, '999', 'cluster-A', 'other.topic')], log)).toEqual([]);
    });
  });
});
