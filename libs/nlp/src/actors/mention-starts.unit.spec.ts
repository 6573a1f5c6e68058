import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MentionStarts } from './mention-starts';

/** Runs of offsets each in text order, as the folder's passes over the candidates add them, or in any order. */
const passes = fc.array(
  fc.array(fc.nat({ max: 500 }), { maxLength: 30 }).map((run) => [...run].sort((a, b) => a - b)),
  { maxLength: 12 },
);
const shuffled = fc.array(fc.nat({ max: 500 }), { maxLength: 200 });

describe(MentionStarts.name, () => {
  for (const [what, offsets] of [
    ['added pass by pass in text order', passes.map((runs) => runs.flat())],
    ['added in any order', shuffled],
  ] as const) {
    describe(`when offsets are ${what}`, () => {
      it('answers "taken" and "which were added" as a plain list of every offset added would', () => {
        fc.assert(
          fc.property(offsets, fc.array(fc.integer({ min: -1, max: 502 }), { maxLength: 20 }), (added, probes) => {
            const starts = new MentionStarts();
            const plain: number[] = [];
            for (const offset of added) {
              expect(starts.add(offset)).toBe(!plain.includes(offset));
              if (!plain.includes(offset)) plain.push(offset);
              for (const probe of probes) {
                expect(starts.has(probe)).toBe(plain.includes(probe));
              }
              expect([...starts].sort((a, b) => a - b)).toEqual([...plain].sort((a, b) => a - b));
            }
          }),
          { numRuns: 200 },
        );
      });
    });
  }
});
