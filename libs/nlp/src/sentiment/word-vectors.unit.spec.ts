import { describe, expect, it } from 'vitest';
import { WordVectors } from './word-vectors';

describe('WordVectors', () => {
  const words = ['good', 'bad', 'obama'];
  const vectors = [Float32Array.from([0.5, -0.25, 1]), Float32Array.from([-2, 0, 0.125]), Float32Array.from([0, 0, 0])];
  const table = WordVectors.fromJson(JSON.parse(JSON.stringify(WordVectors.toJson(words, vectors, 3))));

  it('round-trips the quantised vectors within half a quantisation step', () => {
    words.forEach((w, r) => {
      const acc = new Float32Array(3);
      table.addRow(table.row(w), 1, acc);
      const maxAbs = Math.max(...vectors[r].map(Math.abs));
      for (let j = 0; j < 3; j++) expect(Math.abs(acc[j] - vectors[r][j])).toBeLessThanOrEqual(maxAbs / 254 + 1e-7);
    });
  });

  it('finds possessives by their stem and reports unknown words as -1', () => {
    expect(table.row("obama's")).toBe(table.row('obama'));
    expect(table.row('unknown')).toBe(-1);
    expect(table.row("unknown's")).toBe(-1);
  });

  it('pools by weighted sum and by component-wise max', () => {
    const sum = new Float32Array(3);
    table.addRow(table.row('good'), 2, sum);
    table.addRow(table.row('bad'), 1, sum);
    expect(sum[0]).toBeCloseTo(-1, 1);
    const max = new Float32Array(3).fill(-Infinity);
    table.maxRow(table.row('good'), max);
    table.maxRow(table.row('bad'), max);
    expect(max[0]).toBeCloseTo(0.5, 2);
    expect(max[2]).toBeCloseTo(1, 2);
  });
});
