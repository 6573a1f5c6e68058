import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../article-analyzer';
import { scanQuotes } from './quote-scanner';
import { scanTokens } from './token-scanner';

const quotedTexts = (body: string): string[] => scanQuotes(scanTokens(body)).map((q) => body.slice(q.start, q.end));

describe(scanQuotes.name, () => {
  describe("when the copy writes double quotes as two apostrophes ('')", () => {
    it('finds the quoted passage between them', () => {
      expect(quotedTexts("''It is more tinkering at the edges,'' said the economist.")).toEqual([
        'It is more tinkering at the edges,',
      ]);
    });

    it('leaves a single apostrophe in a word or a nested quote alone', () => {
      expect(quotedTexts("He said the 'plan' isn't ready.")).toEqual([]);
    });
  });
});

describe(analyzeArticle.name, () => {
  describe("when a quotation in '' marks is attributed after it", () => {
    it('reports a direct statement with the named speaker', () => {
      const a = analyzeArticle({
        id: 't',
        body: "The plan drew criticism. ''There is a lot of new complexity in the code,'' said Leonard Burman, an economist.",
      });
      expect(a.statements.map((s) => [s.kind, s.text, s.speaker?.name])).toEqual([
        ['direct', 'There is a lot of new complexity in the code,', 'Leonard Burman'],
      ]);
    });
  });
});
