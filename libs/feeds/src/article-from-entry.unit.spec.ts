import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleIdFor } from '@chronicle/contracts';
import { articleSubmissionSchema } from '@chronicle/articles';
import { articleFromEntry } from './article-from-entry';
import { FeedEntry } from './feed-entry';
import { parseFeed } from './parse-feed';

/** What ingest does with a posted article: validate with its schema, then derive the id. */
function ingestedId(article: unknown): string {
  return articleIdFor(articleSubmissionSchema.parse(article));
}

const entry: FeedEntry = {
  guid: 'g-1',
  url: 'https://www.example.org/politics/minister-resigns',
  title: 'Minister resigns',
  summary: 'Short summary.',
  contentHtml: '<p>Full <b>content</b>.</p><script>x()</script><p>Second.</p>',
  publishedAt: '2024-05-02T10:00:00.000Z',
};

describe(articleFromEntry.name, () => {
  describe('when the same article URL comes from two feeds and a hand POST', () => {
    it('gets the same id as the hand-posted article', () => {
      const rss = parseFeed(
        `<rss version="2.0"><channel><title>A</title><link>https://www.example.org/</link><item><title>Minister resigns</title><link>/politics/minister-resigns</link><guid>a-1</guid><description>From RSS</description></item></channel></rss>`,
        'https://feeds.example.org/rss.xml',
      );
      const atom = parseFeed(
        `<feed xmlns="http://www.w3.org/2005/Atom"><title>B</title><entry><id>urn:b:1</id><title>Minister quits</title><link href="https://www.example.org/politics/minister-resigns"/><updated>2024-05-02T10:00:00Z</updated><summary>From Atom</summary></entry></feed>`,
        'https://aggregator.example.net/atom.xml',
      );
      const fromRss = articleFromEntry(rss.entries[0]!, { outlet: 'Example' });
      const fromAtom = articleFromEntry(atom.entries[0]!, { outlet: 'Aggregator' });
      const byHand = { url: 'https://www.example.org/politics/minister-resigns', title: 'Posted by hand', body: 'Typed in.' };

      expect(fromRss).not.toHaveProperty('id');
      expect(ingestedId(fromRss)).toBe(ingestedId(byHand));
      expect(ingestedId(fromAtom)).toBe(ingestedId(byHand));
    });
  });

  describe('when the page full text is given', () => {
    it('uses it as the body, with the page byline ignored and its date as a fallback', () => {
      const { publishedAt: _publishedAt, ...undated } = entry;
      expect(
        articleFromEntry(undated, {
          outlet: ' Example News ',
          fullText: { text: 'Page text.\n\nMore.', byline: 'X', publishedAt: '2024-01-01T00:00:00.000Z' },
        }),
      ).toEqual({
        url: entry.url,
        title: 'Minister resigns',
        body: 'Page text.\n\nMore.',
        outlet: 'Example News',
        publishedAt: '2024-01-01T00:00:00.000Z',
      });
    });
  });

  describe('when there is no full text', () => {
    it('uses the entry content as text, else the summary', () => {
      expect(articleFromEntry(entry, { outlet: 'Example' })?.body).toBe('Full content.\n\nSecond.');
      const { contentHtml: _contentHtml, ...summaryOnly } = entry;
      expect(articleFromEntry(summaryOnly)?.body).toBe('Short summary.');
    });

    it('returns null when the entry has no text at all', () => {
      expect(articleFromEntry({ guid: 'g', url: 'https://x.example/a', title: 'Only a title' })).toBeNull();
    });
  });

  describe('when the entry has no title', () => {
    it('uses the URL', () => {
      expect(articleFromEntry({ guid: 'g', url: 'https://x.example/a', summary: 's' })?.title).toBe('https://x.example/a');
    });
  });

  describe('when given arbitrary entries', () => {
    it('produces what ingest accepts, with the id ingest derives from the URL alone', () => {
      const text = fc.option(fc.string({ unit: 'binary', maxLength: 1500 }), { nil: undefined });
      const arbitraryEntry = fc.record({
        guid: fc.string({ minLength: 1 }),
        url: fc.webUrl(),
        title: text,
        summary: text,
        contentHtml: text,
        author: text,
        publishedAt: fc.option(
          fc
            .date({ min: new Date('1900-01-01'), max: new Date('2999-01-01'), noInvalidDate: true })
            .map((date) => date.toISOString()),
          { nil: undefined },
        ),
      });
      fc.assert(
        fc.property(
          arbitraryEntry,
          fc.option(fc.string({ unit: 'binary', maxLength: 300 }), { nil: undefined }),
          (feedEntry, outlet) => {
            const article = articleFromEntry(JSON.parse(JSON.stringify(feedEntry)) as FeedEntry, {
              ...(outlet === undefined ? {} : { outlet }),
            });
            if (article === null) return;
            const parsed = articleSubmissionSchema.safeParse(article);
            expect(parsed.error?.issues ?? []).toEqual([]);
            expect(articleIdFor(parsed.data!)).toBe(ingestedId({ url: feedEntry.url, title: 't', body: 'b' }));
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
