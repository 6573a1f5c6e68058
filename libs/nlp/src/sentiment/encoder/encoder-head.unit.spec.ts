import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EncoderSentimentHead, mixProbabilities, type EncoderHeadJson } from './encoder-head';

const distribution = fc
  .tuple(
    fc.double({ min: 0.001, max: 1, noNaN: true }),
    fc.double({ min: 0.001, max: 1, noNaN: true }),
    fc.double({ min: 0.001, max: 1, noNaN: true }),
  )
  .map(([a, b, c]) => [a / (a + b + c), b / (a + b + c), c / (a + b + c)]);

function head(overrides: Partial<EncoderHeadJson> = {}): EncoderHeadJson {
  return {
    format: 'chronicle-target-encoder-head/1',
    encoder: 'test-encoder',
    inputs: 2,
    mean: [1, 0],
    scale: [2, 1],
    // Negative reads input 0, positive reads input 1, neutral reads nothing.
    weights: [-1, 0, 0, 0, 0, 1],
    bias: [0, 0, 0],
    mix: 0.5,
    ...overrides,
  };
}

describe(mixProbabilities.name, () => {
  it('is a distribution, equal to the first at weight 0 and to the second at weight 1', () => {
    fc.assert(
      fc.property(distribution, distribution, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, w) => {
        const mixed = mixProbabilities(a, b, w);
        expect(mixed[0]! + mixed[1]! + mixed[2]!).toBeCloseTo(1, 9);
        mixProbabilities(a, b, 0).forEach((p, c) => expect(p).toBeCloseTo(a[c]!, 9));
        mixProbabilities(a, b, 1).forEach((p, c) => expect(p).toBeCloseTo(b[c]!, 9));
      }),
    );
  });

  it('sides with the second distribution more as its weight grows', () => {
    const linear = [0.2, 0.6, 0.2];
    const encoder = [0.7, 0.2, 0.1];
    const negative = [0.2, 0.4, 0.6].map((w) => mixProbabilities(linear, encoder, w)[0]!);
    expect(negative[0]).toBeLessThan(negative[1]!);
    expect(negative[1]).toBeLessThan(negative[2]!);
  });
});

describe(EncoderSentimentHead.name, () => {
  describe('when its arrays do not match its inputs', () => {
    it('refuses the model', () => {
      expect(() => EncoderSentimentHead.fromJson(head({ mean: [0] }))).toThrow(/lengths/);
      expect(() => EncoderSentimentHead.fromJson(head({ format: 'x' as EncoderHeadJson['format'] }))).toThrow(/format/);
    });
  });

  describe('when it reads pooled states', () => {
    it('standardises them with its own mean and scale before the weights', () => {
      const model = EncoderSentimentHead.fromJson(head());
      // Input 0 at its mean and input 1 at 0: every logit is 0.
      expect(Array.from(model.probabilities([1, 0])).map((p) => p.toFixed(4))).toEqual(['0.3333', '0.3333', '0.3333']);
      // Input 0 two scales below its mean: negative logit (-1)·(-1) = 1.
      const p = model.probabilities([-1, 0]);
      expect(p[0]! / p[1]!).toBeCloseTo(Math.E, 9);
      expect(() => model.probabilities([1])).toThrow(/inputs/);
    });

    it('mixes with the linear model at its own weight', () => {
      const model = EncoderSentimentHead.fromJson(head({ mix: 0.25 }));
      const linear = [0.1, 0.3, 0.6];
      const pooled = [-3, 2];
      expect(Array.from(model.mixed(linear, pooled))).toEqual(
        Array.from(mixProbabilities(linear, model.probabilities(pooled), 0.25)),
      );
    });
  });
});
