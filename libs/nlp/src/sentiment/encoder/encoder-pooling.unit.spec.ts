import { describe, expect, it } from 'vitest';
import { poolTarget } from './encoder-pooling';
import type { EncodedText } from './sentence-encoder.port';

/** Four rows of two dimensions: [CLS], two text pieces, [SEP]; the target is the second piece. */
function encoded(target: { start: number; end: number } | undefined): EncodedText {
  return {
    states: Float32Array.from([100, 100, 1, 2, 3, 6, -100, -100]),
    rows: 4,
    dimensions: 2,
    textRows: { start: 1, end: 3 },
    rowsOf: () => target,
  };
}

describe(poolTarget.name, () => {
  it('gives the mean of the text pieces, then the mean of the target pieces, leaving the special pieces out', () => {
    expect(Array.from(poolTarget(encoded({ start: 2, end: 3 }), 0, 1)!)).toEqual([2, 4, 3, 6]);
  });

  it('gives nothing for a target the encoder cut off or an empty range', () => {
    expect(poolTarget(encoded(undefined), 0, 1)).toBeUndefined();
    expect(poolTarget(encoded({ start: 2, end: 2 }), 0, 1)).toBeUndefined();
  });
});
