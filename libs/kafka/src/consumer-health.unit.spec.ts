import { describe, expect, it } from 'vitest';
import { ConsumerHealth } from './consumer-health';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const failure = { kind: 'poison' as const, errorClass: 'QueryFailedError/23514', message: 'violates check constraint' };

function healthWith(partitions: number[], options = { stallMs: 30_000, deadLettersPerMinute: 5 }): ConsumerHealth {
  const health = new ConsumerHealth(options);
  health.assigned({ 'chronicle.analyses.v1': partitions }, T0);
  return health;
}

describe(ConsumerHealth.name, () => {
  describe('when every owned partition has caught up', () => {
    it('is ok and reports lag 0', () => {
      const health = healthWith([0, 1]);
      health.progressed('chronicle.analyses.v1', 0, 10n, T0 + 1_000);
      health.observedOffsets('chronicle.analyses.v1', 0, { end: '10', start: '0', committed: '10' }, T0 + 2_000);
      health.observedOffsets('chronicle.analyses.v1', 1, { end: '0', start: '0', committed: '-1' }, T0 + 2_000);
      expect(health.report(T0 + 100_000)).toMatchObject({ status: 'ok', problems: [] });
      expect(health.lags()).toEqual([
        { topic: 'chronicle.analyses.v1', partition: 0, lag: 0 },
        { topic: 'chronicle.analyses.v1', partition: 1, lag: 0 },
      ]);
    });
  });

  describe('when a partition with lag has not moved for the stall time', () => {
    it('is degraded, naming the partition, its position and its lag; measured against the end offset', () => {
      const health = healthWith([0, 3]);
      health.progressed('chronicle.analyses.v1', 3, 40n, T0);
      health.observedOffsets('chronicle.analyses.v1', 3, { end: '52', start: '0', committed: '40' }, T0 + 1_000);
      expect(health.report(T0 + 29_000).status).toBe('ok');
      const report = health.report(T0 + 31_000);
      expect(report.status).toBe('degraded');
      expect(report.problems).toEqual([
        { kind: 'stalled', topic: 'chronicle.analyses.v1', partition: 3, position: '40', lag: 12, stalledForSeconds: 31 },
      ]);
    });

    it('is ok again once the partition moves', () => {
      const health = healthWith([3]);
      health.observedOffsets('chronicle.analyses.v1', 3, { end: '52', start: '0', committed: '40' }, T0);
      expect(health.report(T0 + 31_000).status).toBe('degraded');
      health.progressed('chronicle.analyses.v1', 3, 45n, T0 + 32_000);
      expect(health.report(T0 + 33_000).status).toBe('ok');
    });
  });

  describe('when a batch is failing and being retried', () => {
    it('is degraded at once, naming partition, offset, attempt and error, until the partition progresses', () => {
      const health = healthWith([2]);
      health.retrying('chronicle.analyses.v1', 2, { kind: 'poison', attempt: 2, firstOffset: '17', lastOffset: '17', failure }, T0);
      expect(health.report(T0 + 10)).toMatchObject({
        status: 'degraded',
        problems: [
          { kind: 'retrying', partition: 2, offset: '17', attempt: 2, error: 'QueryFailedError/23514: violates check constraint' },
        ],
        lastError: { partition: 2, error: 'QueryFailedError/23514: violates check constraint' },
      });
      health.progressed('chronicle.analyses.v1', 2, 18n, T0 + 20);
      expect(health.report(T0 + 30).status).toBe('ok');
    });
  });

  describe('when dead letters come faster than the limit', () => {
    it('is degraded for the minute they fall in, then ok', () => {
      const health = healthWith([0]);
      health.deadLettered(5, T0);
      expect(health.report(T0 + 1).status).toBe('ok');
      health.deadLettered(1, T0 + 2);
      expect(health.report(T0 + 3).problems).toEqual([{ kind: 'dead-letter-rate', perMinute: 6, limit: 5 }]);
      expect(health.report(T0 + 61_000).status).toBe('ok');
    });
  });

  describe('when the group takes a partition away', () => {
    it('no longer reports it', () => {
      const health = healthWith([0, 1]);
      health.observedOffsets('chronicle.analyses.v1', 1, { end: '9', start: '0', committed: '1' }, T0);
      health.assigned({ 'chronicle.analyses.v1': [0] }, T0 + 1);
      expect(health.report(T0 + 60_000).partitions.map((p) => p.partition)).toEqual([0]);
    });
  });
});
