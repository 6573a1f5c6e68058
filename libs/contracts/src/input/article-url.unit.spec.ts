import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARTICLE_URL_MAX_LENGTH, articleUrlProblem, isArticleUrl, normalizeArticleUrl } from './article-url';

const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) });

describe(articleUrlProblem.name, () => {
  describe('when given http and https URLs', () => {
    it('accepts them', () => {
      for (const url of [
        'https://samples.chronicle.invalid/2026/05/17/sanctions-vote',
        'http://news.example/x?y=1#z',
        'https://News.Example:8443/ünïcode/path',
        'https://[::1]/a',
      ]) {
        expect(articleUrlProblem(url), url).toBeNull();
      }
    });
  });

  describe('when the scheme is not http or https', () => {
    it('refuses it', () => {
      for (const url of ['javascript:alert(1)', 'ftp://x.example/a', 'file:///etc/passwd', 'data:text/html,hi', 'mailto:a@b.c']) {
        expect(articleUrlProblem(url), url).toMatch(/http or https/);
      }
    });
  });

  describe('when the URL holds whitespace or control characters, is relative or too long', () => {
    it('names the problem', () => {
      expect(articleUrlProblem('https://a.example/x y')).toMatch(/whitespace/);
      expect(articleUrlProblem('https://a.example/\u0000')).toMatch(/control/);
      expect(articleUrlProblem('https://a.example/\u0085')).toMatch(/control/);
      expect(articleUrlProblem('https://a.example/\uD800')).toMatch(/control/);
      expect(articleUrlProblem('/relative/path')).toMatch(/absolute/);
      expect(articleUrlProblem('')).toMatch(/empty/);
      expect(articleUrlProblem(`https://a.example/${'x'.repeat(ARTICLE_URL_MAX_LENGTH)}`)).toMatch(/at most/);
    });
  });

  describe('when given any string', () => {
    it('accepts only bounded http(s) URLs free of whitespace and controls, and never throws', () => {
      fc.assert(
        fc.property(fc.oneof(codeUnits, fc.webUrl(), fc.string({ unit: 'binary' })), (url) => {
          if (!isArticleUrl(url)) return;
          expect(url.length).toBeLessThanOrEqual(ARTICLE_URL_MAX_LENGTH);
          expect(url).not.toMatch(/[\s\u0000-\u001F\u007F-\u009F]/); // eslint-disable-line no-control-regex
          expect(['http:', 'https:']).toContain(new URL(url).protocol);
        }),
        { numRuns: 2000 },
      );
    });

    it('accepts generated web URLs', () => {
      fc.assert(
        fc.property(fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }), (url) => {
          fc.pre(url.length <= ARTICLE_URL_MAX_LENGTH);
          expect(articleUrlProblem(url)).toBeNull();
        }),
      );
    });
  });
});

describe(normalizeArticleUrl.name, () => {
  it('trims and composes, and otherwise keeps the URL as given', () => {
    expect(normalizeArticleUrl('  https://News.example/Zu\u0308rich/  ')).toBe('https://News.example/Zürich/');
  });
});
