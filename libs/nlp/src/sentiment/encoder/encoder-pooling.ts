import type { EncodedText } from './sentence-encoder.port';

/** The pools the encoder head reads, in this order: the mean state of the text's pieces, then of the target's. */
export const ENCODER_POOLS = ['text', 'target'] as const;

function addMean(encoded: EncodedText, start: number, end: number, out: Float64Array, offset: number): void {
  const { states, dimensions } = encoded;
  const n = end - start;
  for (let row = start; row < end; row += 1)
    for (let d = 0; d < dimensions; d += 1) out[offset + d] += states[row * dimensions + d]! / n;
}

/**
 * The head's input for the target at characters [from, to) of the encoded text: the mean state over the text's pieces
 * followed by the mean over the target's (2 × dimensions values). Undefined when the target's pieces were cut off.
 */
export function poolTarget(encoded: EncodedText, from: number, to: number): Float64Array | undefined {
  const target = encoded.rowsOf(from, to);
  const { textRows, dimensions } = encoded;
  if (target === undefined || target.end <= target.start || textRows.end <= textRows.start) return undefined;
  const pooled = new Float64Array(2 * dimensions);
  addMean(encoded, textRows.start, textRows.end, pooled, 0);
  addMean(encoded, target.start, target.end, pooled, dimensions);
  return pooled;
}
