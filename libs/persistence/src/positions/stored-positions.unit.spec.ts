import { describe, expect, it } from 'vitest';
import { fingerprintsToCheck, positionMismatches } from './stored-positions';

const log = {
  clusterId: 'cluster-B',
  partitions: [
    { topic: 'chronicle.articles.v1', partition: 0, start: '0', end: '120' },
    { topic: 'chronicle.articles.v1', partition: 1, start: '0', end: '7' },
  ],
};

function position(
  partition: number,
  nextOffset: string,
  clusterId: string | null = 'cluster-B',
  topic = 'chronicle.articles.v1',
  lastTimestamp: string | null = null,
) {
  return { topic, partition, next_offset: nextOffset, cluster_id: clusterId, last_timestamp: lastTimestamp };
}

const fingerprinted = (partition: number, nextOffset: string, lastTimestamp: string) =>
  position(partition, nextOffset, 'cluster-B', 'chronicle.articles.v1', lastTimestamp);
const inLog = (partition: number, offset: string, timestamp: string) => ({
  topic: 'chronicle.articles.v1',
  partition,
  offset,
  timestamp,
});

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

  describe('when a recreated topic has grown past the stored position', () => {
    it('names the partition whose message before the position has another timestamp than the one stored', () => {
      const stored = [fingerprinted(0, '50', '1764000000000'), fingerprinted(1, '7', '1764000000500')];
      const observed = [inLog(0, '49', '1764999999000'), inLog(1, '6', '1764000000500')];
      expect(positionMismatches(stored, log, observed)).toEqual([
        'chronicle.articles.v1[0]: the message before stored position 50 was written at 2025-11-24T16:00:00.000Z, ' +
          'but the log now holds one written at 2025-12-06T05:46:39.000Z there (topic deleted and recreated)',
      ]);
    });

    it('trusts a position whose message the check could not read, or that has no fingerprint yet', () => {
      expect(positionMismatches([fingerprinted(0, '50', '1764000000000'), position(1, '7')], log, [])).toEqual([]);
    });
  });

  describe('which messages the fingerprint check reads', () => {
    it('is the one before each fingerprinted position of this cluster that the log still holds', () => {
      const trimmed = {
        clusterId: 'cluster-B',
        partitions: [{ topic: 'chronicle.articles.v1', partition: 0, start: '10', end: '120' }],
      };
      expect(
        fingerprintsToCheck(
          [
            fingerprinted(0, '50', '1'),
            fingerprinted(0, '10', '1'),
            fingerprinted(0, '121', '1'),
            position(0, '60'),
            position(0, '60', 'cluster-A', 'chronicle.articles.v1', '1'),
            fingerprinted(3, '5', '1'),
          ],
          trimmed,
        ),
      ).toEqual([{ topic: 'chronicle.articles.v1', partition: 0, offset: '49' }]);
    });
  });

  describe('when a position belongs to a topic the consumer does not read now', () => {
    it('leaves it alone', () => {
      expect(positionMismatches([position(0, '999', 'cluster-A', 'other.topic')], log)).toEqual([]);
    });
  });
});
