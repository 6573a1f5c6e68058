import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../article-analyzer';
import { withoutRepeatedSpans } from './repeated-spans';
import type { StatementDraft } from './statement-draft';

const draft = (start: number, end: number, cue: string): StatementDraft => ({
  kind: 'indirect',
  start,
  end,
  text: 'x'.repeat(end - start),
  cue: { start: end + 1, end: end + 1 + cue.length, text: cue },
  speaker: 0,
});

describe(withoutRepeatedSpans.name, () => {
  describe('when two drafts claim exactly the same words', () => {
    it('keeps the first, with its cue', () => {
      const [first, again] = [draft(0, 10, 'said'), draft(0, 10, 'added')];
      expect(withoutRepeatedSpans([first, again])).toEqual([first]);
    });
  });

  describe('when one draft nests in another or they share only a start', () => {
    it('keeps both (a nested attribution is real)', () => {
      const drafts = [draft(0, 10, 'according to'), draft(0, 20, 'said'), draft(5, 20, 'said')];
      expect(withoutRepeatedSpans(drafts)).toEqual(drafts);
    });
  });
});

describe(analyzeArticle.name, () => {
  describe('when every cue of a sentence claims the whole sentence ("Kiro said, Kiro said, …")', () => {
    it('reports those words as one statement, not once per cue', () => {
      const body = `Kiro arrived on Monday. ${'Kiro said, '.repeat(40)}the plant will close.`;
      const spans = analyzeArticle({ id: 'r', body }).statements.map((s) => `${s.start}-${s.end}`);
      expect(spans.length).toBeGreaterThan(0);
      expect(new Set(spans).size).toBe(spans.length);
    });
  });
});
