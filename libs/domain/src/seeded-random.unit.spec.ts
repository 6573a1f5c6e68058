import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';

const draw = (seed: number, count: number): number[] => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => random());
};

describe(seededRandom.name, () => {
  describe('when a run is repeated from a printed seed', () => {
    it('draws the same numbers as every earlier release (mulberry32)', () => {
      expect(draw(42, 3)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
      expect(draw(0, 2)).toEqual([0.26642920868471265, 0.0003297457005828619]);
    });
  });
  describe('when many numbers are drawn', () => {
    it('keeps each in [0, 1) and spreads them over the interval', () => {
      const values = draw(7, 10_000);
      expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
      expect(Math.min(...values)).toBeLessThan(0.01);
      expect(Math.max(...values)).toBeGreaterThan(0.99);
    });
  });
  describe('when seeds differ', () => {
    it('draws different sequences', () => {
      expect(draw(1, 5)).not.toEqual(draw(2, 5));
    });
  });
});
