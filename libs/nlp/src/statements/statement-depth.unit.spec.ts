import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../article-analyzer';
import { MAX_STATEMENT_DEPTH, withinStatementDepth } from './statement-depth';
import type { StatementDraft } from './statement-draft';

const draft = (start: number, end: number, cue: string): StatementDraft => ({
  kind: 'indirect',
  start,
  end,
  text: 'x'.repeat(end - start),
  cue: { start: end + 1, end: end + 1 + cue.length, text: cue },
  speaker: 0,
});

/** The most statements any one character of the body lies in. */
function deepest(spans: ReadonlyArray<{ start: number; end: number }>): number {
  let most = 0;
  for (const s of spans)
    for (let at = s.start; at < s.end; at += 1) most = Math.max(most, spans.filter((t) => t.start <= at && at < t.end).length);
  return most;
}

describe(withinStatementDepth.name, () => {
  describe('when two drafts claim exactly the same words', () => {
    it('keeps the first, with its cue', () => {
      const [first, again] = [draft(0, 10, 'said'), draft(0, 10, 'added')];
      expect(withinStatementDepth([first, again])).toEqual([first]);
    });
  });

  describe('when one draft nests in another (a report of a report)', () => {
    it('keeps both', () => {
      const drafts = [draft(0, 20, 'according to'), draft(5, 20, 'said')];
      expect(withinStatementDepth(drafts)).toEqual(drafts);
    });
  });

  describe(`when a third draft would cover words already in ${MAX_STATEMENT_DEPTH} statements`, () => {
    it('drops it, and keeps a later draft that lies clear of them', () => {
      const drafts = [draft(0, 10, 'a'), draft(0, 20, 'b'), draft(5, 30, 'c'), draft(20, 40, 'd'), draft(30, 50, 'e')];
      expect(withinStatementDepth(drafts).map((d) => d.cue!.text)).toEqual(['a', 'b', 'd', 'e']);
    });
  });
});

describe(analyzeArticle.name, () => {
  for (const [what, pile] of [
    ['every cue of a sentence claims the whole sentence', 'Kiro said, '],
    ['each "according to" claims every one before it', 'according to Kiro '],
  ] as const) {
    describe(`when ${what}`, () => {
      const body = `Kiro arrived on Monday. ${pile.repeat(40)}the plant will close.`;
      const statements = analyzeArticle({ id: 'r', body }).statements;

      it(`puts no word in more than ${MAX_STATEMENT_DEPTH} statements, and no span twice`, () => {
        expect(statements.length).toBeGreaterThan(0);
        expect(deepest(statements)).toBeLessThanOrEqual(MAX_STATEMENT_DEPTH);
        expect(new Set(statements.map((s) => `${s.start}-${s.end}`)).size).toBe(statements.length);
      });
    });
  }
});
