import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractArticle, MAX_PAGE_DEPTH, PageShapeError } from './extract-article';

const PAGE_URL = 'https://news.example.com/2024/05/story';

const escape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function page(paragraphs: string[], head = ''): string {
  return `<!DOCTYPE html><html><head><title>Story | Example News</title>${head}
    <style>.x { color: red }</style><script>window.tracking = "SCRIPT_TEXT";</script></head>
    <body>
      <nav><a href="/">Home</a> <a href="/world">NAV_TEXT World</a></nav>
      <header class="site-header">HEADER_TEXT Example News</header>
      <main><article>
        <h1>Story headline</h1>
        ${paragraphs.map((paragraph) => `<p>${escape(paragraph)}</p>`).join('\n        ')}
      </article></main>
      <aside>ASIDE_TEXT Most read</aside>
      <footer>FOOTER_TEXT Copyright Example News</footer>
      <script>console.log("SCRIPT_TEXT_2")</script>
    </body></html>`;
}

const storyParagraphs = [
  'The council voted on Tuesday to close the old bridge to traffic, citing a structural survey that found corrosion in the main supports.',
  'Residents on both banks said the closure would add twenty minutes to their daily commute, and several shop owners warned of lost trade.',
  'The council said a temporary footbridge would open within a month, and that a replacement crossing was expected to cost several million.',
];

describe(extractArticle.name, () => {
  describe('when the page has JSON-LD NewsArticle metadata', () => {
    const jsonLd = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', name: 'Page' },
        {
          '@type': 'NewsArticle',
          headline: 'Bridge to close',
          datePublished: '2024-05-02T09:30:00+02:00',
          author: [{ '@type': 'Person', name: 'Sam Reporter' }],
        },
      ],
    });
    const result = extractArticle(page(storyParagraphs, `<script type="application/ld+json">${jsonLd}</script>`), PAGE_URL);

    it('keeps only the article paragraphs, separated by blank lines', () => {
      expect(result?.text).toContain(storyParagraphs.join('\n\n'));
      for (const noise of ['SCRIPT_TEXT', 'NAV_TEXT', 'HEADER_TEXT', 'ASIDE_TEXT', 'FOOTER_TEXT', 'color: red'])
        expect(result?.text).not.toContain(noise);
    });

    it('reads headline, author and date from JSON-LD', () => {
      expect(result).toMatchObject({ title: 'Bridge to close', byline: 'Sam Reporter', publishedAt: '2024-05-02T07:30:00.000Z' });
    });
  });

  describe('when the page has Open Graph metadata only', () => {
    it('reads the title, author and published time from the meta tags', () => {
      const head = `<meta property="og:title" content="OG bridge title"><meta property="article:published_time" content="2024-05-03T10:00:00Z"><meta name="author" content="Alex Writer">`;
      expect(extractArticle(page(storyParagraphs, head), PAGE_URL)).toMatchObject({
        title: 'OG bridge title',
        byline: 'Alex Writer',
        publishedAt: '2024-05-03T10:00:00.000Z',
      });
    });
  });

  describe('when the page has no main text', () => {
    it.each([
      ['an empty page', ''],
      ['only navigation and scripts', '<html><body><nav>Home</nav><script>var a = 1;</script></body></html>'],
    ])('returns null for %s', (_name, html) => {
      expect(extractArticle(html, PAGE_URL)).toBeNull();
    });
  });

  describe('when the article paragraphs are generated', () => {
    const word = fc.stringMatching(/^[A-Za-z\u00c0-\u00ff&<>'"]{1,12}$/);
    const paragraph = fc.array(word, { minLength: 25, maxLength: 60 }).map((words) => words.join(' '));

    it('returns exactly those paragraphs, with JSON-LD date and byline', () => {
      fc.assert(
        fc.property(
          fc.array(paragraph, { minLength: 3, maxLength: 6 }),
          fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
          (paragraphs, date) => {
            const jsonLd = JSON.stringify({
              '@type': 'NewsArticle',
              datePublished: date.toISOString(),
              author: { name: 'Pat Byline' },
            });
            const result = extractArticle(page(paragraphs, `<script type="application/ld+json">${jsonLd}</script>`), PAGE_URL);
            expect(result?.text.split('\n\n').filter((text) => text !== 'Story headline')).toEqual(paragraphs);
            expect(result).toMatchObject({ byline: 'Pat Byline', publishedAt: date.toISOString() });
          },
        ),
        { numRuns: 40 },
      );
    });
  });

  describe('when given arbitrary HTML-ish text (too short to nest past the limit)', () => {
    it('never throws', () => {
      const fragment = fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('<p>', '</p>', '<script>', '<div>', '</div>', '<br>', '<!--', '<nav>'),
      );
      fc.assert(
        fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
          const result = extractArticle(parts.join(''), PAGE_URL);
          if (result !== null) expect(result.text.trim()).not.toBe('');
        }),
        { numRuns: 100 },
      );
    });
  });

  describe(`when the page nests elements more than ${MAX_PAGE_DEPTH} deep`, () => {
    it('refuses it with a PageShapeError that says how deep, before Readability reads it', () => {
      const nested = (depth: number) =>
        `<html><body>${'<div>'.repeat(depth)}<p>${'Deep text here. '.repeat(20)}</p>${'</div>'.repeat(depth)}</body></html>`;
      expect(() => extractArticle(nested(MAX_PAGE_DEPTH), PAGE_URL)).toThrow(PageShapeError);
      expect(() => extractArticle(nested(MAX_PAGE_DEPTH), PAGE_URL)).toThrow(/nests elements \d+ deep/);
      expect(extractArticle(nested(MAX_PAGE_DEPTH - 10), PAGE_URL)?.text).toContain('Deep text here.');
    });
  });
});
