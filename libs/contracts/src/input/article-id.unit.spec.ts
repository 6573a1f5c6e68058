import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deterministicId } from '../deterministic-id';
import { ARTICLE_ID_MAX_LENGTH, articleIdFromName, articleIdProblem, isArticleId } from './article-id';

const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) });
const anyText = fc.oneof(codeUnits, fc.string({ unit: 'binary' }), fc.string());
const SAFE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

describe(articleIdProblem.name, () => {
  describe('when given the ids Chronicle derives or operators use', () => {
    it('accepts them', () => {
      for (const id of [
        deterministicId('article-url', 'https://news.example/x'),
        deterministicId('article-content', 't', 'b'),
        '01-istanbul-talks',
        'sample-sanctions-vote',
        'istanbul-talks',
        'reuters:2026-05-17.abc_1',
        'a',
        'x'.repeat(ARTICLE_ID_MAX_LENGTH),
      ]) {
        expect(articleIdProblem(id)).toBeNull();
      }
    });
  });

  describe('when the id is empty, too long, or holds anything outside the grammar', () => {
    it('names the problem', () => {
      expect(articleIdProblem('')).toMatch(/empty/);
      expect(articleIdProblem('x'.repeat(ARTICLE_ID_MAX_LENGTH + 1))).toMatch(/at most 128/);
      for (const id of [
        'a\u0000b',
        'a b',
        ' a',
        '-a',
        '.hidden',
        'a/b',
        '../etc',
        'é',
        'a\uD800',
        'a\nb',
        'a%00b',
        '__proto__',
      ]) {
        expect(articleIdProblem(id), JSON.stringify(id)).not.toBeNull();
      }
    });
  });

  describe('when given any string', () => {
    it('accepts exactly the strings of the grammar, never a control, space or non-ASCII character', () => {
      fc.assert(
        fc.property(anyText, (id) => {
          expect(isArticleId(id)).toBe(SAFE.test(id));
        }),
        { numRuns: 2000 },
      );
    });
  });
});

describe(articleIdFromName.name, () => {
  describe('when the file name is already an id', () => {
    it('keeps it', () => {
      expect(articleIdFromName('01-istanbul-talks')).toBe('01-istanbul-talks');
    });
  });

  describe('when the file name has spaces, accents or symbols', () => {
    it('makes a readable id of it', () => {
      expect(articleIdFromName('Zürich report (draft) 2')).toBe('Zurich-report-draft-2');
      expect(articleIdFromName('  --notes')).toBe('notes');
    });
  });

  describe('when given any name', () => {
    it('returns a valid id or null', () => {
      fc.assert(
        fc.property(anyText, (name) => {
          const id = articleIdFromName(name);
          if (id !== null) expect(isArticleId(id)).toBe(true);
        }),
        { numRuns: 1000 },
      );
    });
  });
});
