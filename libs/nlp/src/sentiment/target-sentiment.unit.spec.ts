/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
// Loaded through the bundler (?raw) rather than node:fs: libs/nlp stays free of file-system access, tests included.
import sampleJsonl from '../../test/fixtures/newsmtsc-dev-sample.jsonl?raw';
import { contextWindow, labelFor, lexiconTargetScore, scoreTarget, scoreText, TARGET_CONTEXT_CHARS } from './index';

const CLASS = { negative: 0, neutral: 1, positive: 2 } as const;

/** Scores the target named `target` (its first occurrence) in `sentence`. */
function toward(sentence: string, target: string) {
  const start = sentence.indexOf(target);
  if (start < 0) throw new Error(`no "${target}" in "${sentence}"`);
  return scoreTarget(sentence, start, start + target.length);
}

function macroF1(gold: number[], pred: number[]): number {
  let sum = 0;
  for (let c = 0; c < 3; c++) {
    const tp = gold.filter((g, i) => g === c && pred[i] === c).length;
    const fp = pred.filter((p, i) => p === c && gold[i] !== c).length;
    const fn = gold.filter((g, i) => g === c && pred[i] !== c).length;
    sum += tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
  return (100 * sum) / 3;
}

describe('target sentiment model', () => {
  it('loads and returns scores in [-1, 1] whose label matches labelFor', () => {
    const texts = ['', 'x', 'The minister resigned.', '“Disgraceful,” the mayor said of the council’s vote.'];
    for (const t of texts) {
      for (const s of [scoreText(t), scoreTarget(t, 0, Math.min(3, t.length)), scoreTarget(t, -5, 999)]) {
        expect(s.score).toBeGreaterThanOrEqual(-1);
        expect(s.score).toBeLessThanOrEqual(1);
        expect(s.label).toBe(labelFor(s.score));
      }
    }
  });

  it('labels clearly positive, negative and neutral portrayals', () => {
    expect(
      toward('Volunteers praised Mayor Lindqvist for her courageous and honest leadership during the floods.', 'Mayor Lindqvist')
        .label,
    ).toBe('positive');
    expect(
      toward('Prosecutors say the disgraced banker Ortega lied to investors and stole millions in a brazen fraud.', 'Ortega')
        .label,
    ).toBe('negative');
    expect(toward('The committee will meet on Thursday, a spokesman for Senator Adebayo said.', 'Senator Adebayo').label).toBe(
      'neutral',
    );
    expect(scoreText('This is a wonderful, historic victory for every family in our city.').label).toBe('positive');
    expect(scoreText('It was a shameful, corrupt and dishonest scheme.').label).toBe('negative');
    expect(scoreText('The meeting starts at nine in the town hall.').label).toBe('neutral');
  });

  it('is deterministic', () => {
    const s = 'Critics accused Governor Patel of a reckless cover-up, but supporters defended him.';
    const first = toward(s, 'Governor Patel');
    for (let i = 0; i < 5; i++) expect(toward(s, 'Governor Patel')).toEqual(first);
    expect(scoreText(s)).toEqual(scoreText(s));
  });

  it('flips with negation', () => {
    expect(scoreText('The new policy is good.').label).toBe('positive');
    expect(scoreText('The new policy is not good.').label).toBe('negative');
    expect(toward('Analysts said the reform was not good for Ramirez.', 'Ramirez').score).toBeLessThan(
      toward('Analysts said the reform was good for Ramirez.', 'Ramirez').score,
    );
  });

  it('separates targets in the same sentence', () => {
    const s = 'Voters cheered Keller, the honest reformer, while Brandt faced charges of bribery and fraud.';
    expect(toward(s, 'Keller').score).toBeGreaterThan(toward(s, 'Brandt').score);
  });

  it('keeps macro-F1 on a NewsMTSC dev-mt sample above its floor, beating the lexicon baseline', () => {
    const rows = sampleJsonl
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            sentence: string;
            from: number;
            to: number;
            polarity: number;
          },
      );
    expect(rows.length).toBe(60);
    const gold = rows.map((r) => r.polarity + 1);
    const model = macroF1(
      gold,
      rows.map((r) => CLASS[scoreTarget(r.sentence, r.from, r.to).label]),
    );
    const lexicon = macroF1(
      gold,
      rows.map((r) => CLASS[labelFor(lexiconTargetScore(r.sentence, r.from, r.to))]),
    );
    // Observed 69.4 with the shipped model (lexicon baseline 52.2); the margin allows for retraining noise.
    expect(model).toBeGreaterThan(60);
    expect(model).toBeGreaterThan(lexicon);
  });

  describe('when the target stands in a "sentence" of thousands of words', () => {
    const filler = 'and the council met again on another day '.repeat(200);
    const sentence = `${filler}while critics praised Mayor Lindqvist for her courageous leadership ${filler}`;
    const start = sentence.indexOf('Mayor Lindqvist');
    const end = start + 'Mayor Lindqvist'.length;

    it(`reads only the words within ${TARGET_CONTEXT_CHARS} characters of it, cut at spaces`, () => {
      const { from, to } = contextWindow(sentence, start, end);
      expect(start - from).toBeLessThanOrEqual(TARGET_CONTEXT_CHARS);
      expect(to - end).toBeLessThanOrEqual(TARGET_CONTEXT_CHARS);
      expect(start - from).toBeGreaterThan(TARGET_CONTEXT_CHARS - 20);
      expect(to - end).toBeGreaterThan(TARGET_CONTEXT_CHARS - 20);
      expect(sentence[from - 1]).toBe(' ');
      expect(sentence[to]).toBe(' ');
    });

    it('scores it as it scores that window alone', () => {
      const { from, to } = contextWindow(sentence, start, end);
      expect(scoreTarget(sentence, start, end)).toEqual(scoreTarget(sentence.slice(from, to), start - from, end - from));
    });
  });

  describe('when the sentence is of ordinary length', () => {
    it('reads all of it', () => {
      const sentence = 'Volunteers praised Mayor Lindqvist for her courageous and honest leadership during the floods.';
      expect(contextWindow(sentence, 19, 34)).toEqual({ from: 0, to: sentence.length });
    });
  });
});
