import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from './feed-parse-error';
import { parseOpml } from './parse-opml';

const escapeAttr = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe(parseOpml.name, () => {
  describe('when given a reader export with folders', () => {
    const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="News">
    <outline type="rss" text="Gazette text" title="Exampleton  Gazette" xmlUrl=" https://gazette.example/rss.xml " htmlUrl="https://gazette.example/"/>
    <outline text="Local">
      <outline type="rss" text="Harbour &amp; Tram" xmlUrl="https://harbour.example/atom.xml"/>
    </outline>
  </outline>
  <outline type="rss" xmlUrl="https://bare.example/feed.json"/>
  <outline text="Empty folder"/>
</body></opml>`;

    it('lists every outline with an xmlUrl at any depth, in document order, named by title else text', () => {
      expect(parseOpml(opml)).toEqual([
        {
          xmlUrl: 'https://gazette.example/rss.xml',
          htmlUrl: 'https://gazette.example/',
          outlet: 'Exampleton Gazette',
          folders: ['News'],
        },
        { xmlUrl: 'https://harbour.example/atom.xml', outlet: 'Harbour & Tram', folders: ['News', 'Local'] },
        { xmlUrl: 'https://bare.example/feed.json', folders: [] },
      ]);
    });
  });

  describe('when given something that is not OPML', () => {
    it('throws a FeedParseError naming the problem', () => {
      expect(() => parseOpml('<rss version="2.0"><channel/></rss>')).toThrow(/not an OPML document \(root element <rss>\)/);
      expect(() => parseOpml('<opml version="2.0"><head/></opml>')).toThrow(/without a <body>/);
      expect(() => parseOpml('<opml><body><outline xmlUrl="x"></body></opml>')).toThrow(FeedParseError);
    });
  });

  describe('when given generated lists of outlines', () => {
    it('returns each xmlUrl once per outline, trimmed, whatever the names hold', () => {
      fc.assert(
        fc.property(fc.array(fc.record({ url: fc.webUrl(), name: fc.string() }), { maxLength: 20 }), (outlines) => {
          const body = outlines.map((o) => `<outline text="${escapeAttr(o.name)}" xmlUrl="${escapeAttr(o.url)}"/>`).join('');
          const feeds = parseOpml(`<opml version="1.0"><body><outline text="f">${body}</outline></body></opml>`);
          expect(feeds.map((feed) => feed.xmlUrl)).toEqual(outlines.map((o) => o.url.trim()));
        }),
      );
    });

    it('never throws anything but FeedParseError on arbitrary text', () => {
      fc.assert(
        fc.property(fc.string(), (text) => {
          try {
            parseOpml(text);
          } catch (error) {
            expect(error).toBeInstanceOf(FeedParseError);
          }
        }),
      );
    });
  });
});
