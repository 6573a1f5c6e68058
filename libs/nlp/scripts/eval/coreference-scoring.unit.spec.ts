import { describe, expect, it } from 'vitest';
import { bcubedCounts, corefPrf, mucCounts } from './coreference-scoring';

// Key {a b c} {d e}; response {a b} {c d e}: worked by hand from the metrics' definitions.
const KEY = [
  ['a', 'b', 'c'],
  ['d', 'e'],
];
const RESPONSE = [
  ['a', 'b'],
  ['c', 'd', 'e'],
];

describe('coreference scoring', () => {
  describe('MUC', () => {
    it('counts the links each partition keeps of the other: recall 2/3, precision 2/3', () => {
      expect(mucCounts(KEY, RESPONSE)).toEqual({ recallNum: 2, recallDen: 3, precisionNum: 2, precisionDen: 3 });
    });

    it('treats a key mention the response lacks as a part of its own', () => {
      // {a b c} against {a b}: c is twinless, so the key cluster falls in two parts and keeps 1 of 2 links.
      expect(mucCounts([['a', 'b', 'c']], [['a', 'b']])).toEqual({
        recallNum: 1,
        recallDen: 2,
        precisionNum: 1,
        precisionDen: 1,
      });
    });
  });

  describe('B³', () => {
    it('averages per mention: recall and precision 11/15', () => {
      const counts = bcubedCounts(KEY, RESPONSE);
      expect(counts.recallNum).toBeCloseTo(11 / 3, 12);
      expect(counts.precisionNum).toBeCloseTo(11 / 3, 12);
      expect([counts.recallDen, counts.precisionDen]).toEqual([5, 5]);
      expect(corefPrf(counts)).toEqual({ p: 73.3, r: 73.3, f1: 73.3 });
    });

    it('scores a response of singletons 100 precision and 1/|cluster| recall per mention', () => {
      const counts = bcubedCounts([['a', 'b']], [['a'], ['b']]);
      expect(corefPrf(counts)).toEqual({ p: 100, r: 50, f1: 66.7 });
    });
  });

  describe('identical partitions', () => {
    it('score 100 on both metrics', () => {
      expect(corefPrf(mucCounts(KEY, KEY)).f1).toBe(100);
      expect(corefPrf(bcubedCounts(KEY, KEY)).f1).toBe(100);
    });
  });
});
