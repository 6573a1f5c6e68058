import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from './decode-feed-bytes';
import { FeedParseError } from './feed-parse-error';
import { parseFeed } from './parse-feed';

const FEED_URL = 'https://feeds.example.org/news.xml';

const rss2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Example &amp; Co News</title>
    <link>https://www.example.org/</link>
    <atom:link href="https://feeds.example.org/news.xml" rel="self" type="application/rss+xml"/>
    <item>
      <title>Minister resigns</title>
      <link>/politics/minister-resigns</link>
      <guid isPermaLink="false">story-1</guid>
      <description>&lt;p&gt;The minister &lt;b&gt;resigned&lt;/b&gt; today.&lt;/p&gt;&lt;p&gt;More soon.&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>Full story.</p>]]></content:encoded>
      <dc:creator>Jane Doe</dc:creator>
      <pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
    </item>
    <item>
      <title>Duplicate of the first</title>
      <link>https://www.example.org/elsewhere</link>
      <guid isPermaLink="false">story-1</guid>
    </item>
    <item>
      <title>Same link, other guid</title>
      <link>https://www.example.org/politics/minister-resigns</link>
      <guid isPermaLink="false">story-1b</guid>
    </item>
    <item>
      <title>Undated</title>
      <guid>https://www.example.org/undated</guid>
    </item>
    <item>
      <title>Bad date, script link</title>
      <link>javascript:alert(1)</link>
      <pubDate>sometime last week</pubDate>
    </item>
    <item>
      <title>Bad date</title>
      <link>relative/bad-date</link>
      <pubDate>32 Jan 2024 10:00 GMT</pubDate>
    </item>
  </channel>
</rss>`;

const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.net/">
    <title>RDF Site</title>
    <link>https://rdf.example.net/</link>
    <items><rdf:Seq><rdf:li resource="https://rdf.example.net/a"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://rdf.example.net/a">
    <title>First RDF item</title>
    <link>https://rdf.example.net/a</link>
    <description>Summary A</description>
    <dc:date>2024-03-01T08:15:00+01:00</dc:date>
    <dc:creator>Ann Author</dc:creator>
  </item>
  <item rdf:about="https://rdf.example.net/b">
    <title>Second RDF item</title>
  </item>
</rdf:RDF>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.com/blog/">
  <title type="text">Atom Example</title>
  <link rel="self" href="https://atom.example.com/feed.atom"/>
  <link rel="alternate" type="text/html" href="https://www.atom.example.com/"/>
  <author><name>Feed Author</name></author>
  <entry>
    <id>tag:atom.example.com,2024:1</id>
    <title type="html">Rates &lt;em&gt;rise&lt;/em&gt;</title>
    <link rel="alternate" href="2024/rates-rise"/>
    <link rel="enclosure" href="https://cdn.example.com/a.mp3"/>
    <published>2024-05-02T10:00:00.5Z</published>
    <updated>2024-05-03T10:00:00Z</updated>
    <summary>Short summary.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First <b>bold</b> paragraph.</p><p>Second &amp; last.</p></div></content>
  </entry>
  <entry xml:base="/other/">
    <id>tag:atom.example.com,2024:2</id>
    <title>Second entry</title>
    <link href="second"/>
    <updated>2024-05-04T09:00:00+02:00</updated>
    <author><name>Entry Author</name></author>
    <content type="html">&lt;p&gt;Escaped HTML&lt;/p&gt;</content>
  </entry>
</feed>`;

const jsonFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON Example',
  home_page_url: 'https://json.example.com/',
  feed_url: 'https://json.example.com/feed.json',
  authors: [{ name: 'Feed Writer' }],
  items: [
    { id: 1, url: '/posts/1', title: 'One', content_html: '<p>Hello</p>', date_published: '2024-01-02T03:04:05-05:00' },
    {
      id: '2',
      external_url: 'https://other.example.com/x',
      title: 'Two',
      content_text: 'Para one.\n\nPara two.',
      authors: [{ name: 'Item Writer' }],
    },
    { id: '1', url: 'https://json.example.com/posts/dup', title: 'Dup id' },
    { id: '3', title: 'No URL at all' },
  ],
});

const newsSitemap = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://news.example.com/business/article55.html</loc>
    <news:news>
      <news:publication><news:name>The Example Times</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2008-12-23</news:publication_date>
      <news:title>Companies A, B in Merger Talks</news:title>
    </news:news>
  </url>
  <url>
    <loc>https://news.example.com/business/article56.html</loc>
    <lastmod>2008-12-24T10:00+00:00</lastmod>
    <news:news>
      <news:publication><news:name>The Example Times</news:name><news:language>en</news:language></news:publication>
      <news:title>Talks continue</news:title>
    </news:news>
  </url>
</urlset>`;

describe(parseFeed.name, () => {
  describe('when given RSS 2.0 with relative links, duplicate guids and odd dates', () => {
    const feed = parseFeed(rss2, FEED_URL);

    it('reads the channel', () => {
      expect(feed).toMatchObject({ format: 'rss2', title: 'Example & Co News', siteUrl: 'https://www.example.org/' });
    });

    it('resolves relative links against the channel link and keeps the first of each guid and url', () => {
      expect(feed.entries.map((entry) => [entry.guid, entry.url])).toEqual([
        ['story-1', 'https://www.example.org/politics/minister-resigns'],
        ['https://www.example.org/undated', 'https://www.example.org/undated'],
        ['https://www.example.org/relative/bad-date', 'https://www.example.org/relative/bad-date'],
      ]);
    });

    it('reads text, content, author and date', () => {
      expect(feed.entries[0]).toEqual({
        guid: 'story-1',
        url: 'https://www.example.org/politics/minister-resigns',
        title: 'Minister resigns',
        summary: 'The minister resigned today.\n\nMore soon.',
        contentHtml: '<p>Full story.</p>',
        author: 'Jane Doe',
        publishedAt: '2003-06-10T04:00:00.000Z',
      });
    });

    it('leaves publishedAt out for entries without a (readable) date', () => {
      expect(feed.entries[1]!.publishedAt).toBeUndefined();
      expect(feed.entries[2]!.publishedAt).toBeUndefined();
    });
  });

  describe('when given RSS 1.0 (RDF)', () => {
    const feed = parseFeed(rdf, FEED_URL);

    it('reads items beside the channel, with Dublin Core date and creator', () => {
      expect(feed).toMatchObject({ format: 'rss1', title: 'RDF Site', siteUrl: 'https://rdf.example.net/' });
      expect(feed.entries).toEqual([
        {
          guid: 'https://rdf.example.net/a',
          url: 'https://rdf.example.net/a',
          title: 'First RDF item',
          summary: 'Summary A',
          author: 'Ann Author',
          publishedAt: '2024-03-01T07:15:00.000Z',
        },
        { guid: 'https://rdf.example.net/b', url: 'https://rdf.example.net/b', title: 'Second RDF item' },
      ]);
    });
  });

  describe('when given Atom with xml:base', () => {
    const feed = parseFeed(atom, FEED_URL);

    it('resolves links against the feed and entry xml:base', () => {
      expect(feed).toMatchObject({ format: 'atom', title: 'Atom Example', siteUrl: 'https://www.atom.example.com/' });
      expect(feed.entries.map((entry) => entry.url)).toEqual([
        'https://atom.example.com/blog/2024/rates-rise',
        'https://atom.example.com/other/second',
      ]);
    });

    it('reads html and xhtml text constructs, authors and published before updated', () => {
      expect(feed.entries[0]).toMatchObject({
        guid: 'tag:atom.example.com,2024:1',
        title: 'Rates rise',
        summary: 'Short summary.',
        contentHtml: '<p>First <b>bold</b> paragraph.</p><p>Second &amp; last.</p>',
        author: 'Feed Author',
        publishedAt: '2024-05-02T10:00:00.500Z',
      });
      expect(feed.entries[1]).toMatchObject({
        contentHtml: '<p>Escaped HTML</p>',
        author: 'Entry Author',
        publishedAt: '2024-05-04T07:00:00.000Z',
      });
    });
  });

  describe('when given a JSON Feed', () => {
    const feed = parseFeed(jsonFeed, 'https://json.example.com/feed.json');

    it('reads items, resolving relative urls and dropping duplicates and items without a url', () => {
      expect(feed).toMatchObject({ format: 'json-feed', title: 'JSON Example', siteUrl: 'https://json.example.com/' });
      expect(feed.entries).toEqual([
        {
          guid: '1',
          url: 'https://json.example.com/posts/1',
          title: 'One',
          contentHtml: '<p>Hello</p>',
          author: 'Feed Writer',
          publishedAt: '2024-01-02T08:04:05.000Z',
        },
        { guid: '2', url: 'https://other.example.com/x', title: 'Two', summary: 'Para one.\n\nPara two.', author: 'Item Writer' },
      ]);
    });
  });

  describe('when given a news sitemap', () => {
    const feed = parseFeed(newsSitemap, 'https://news.example.com/sitemap-news.xml');

    it('reads news titles and publication dates, falling back to lastmod', () => {
      expect(feed).toMatchObject({ format: 'news-sitemap', title: 'The Example Times', siteUrl: 'https://news.example.com/' });
      expect(feed.entries).toEqual([
        {
          guid: 'https://news.example.com/business/article55.html',
          url: 'https://news.example.com/business/article55.html',
          title: 'Companies A, B in Merger Talks',
          publishedAt: '2008-12-23T00:00:00.000Z',
        },
        {
          guid: 'https://news.example.com/business/article56.html',
          url: 'https://news.example.com/business/article56.html',
          title: 'Talks continue',
          publishedAt: '2008-12-24T10:00:00.000Z',
        },
      ]);
    });
  });

  describe('when given a sitemap index', () => {
    it('lists the sitemaps to fetch and no entries', () => {
      const index = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://s.example.com/a.xml</loc></sitemap><sitemap><loc>/b.xml.gz</loc></sitemap></sitemapindex>`;
      expect(parseFeed(index, 'https://s.example.com/sitemap.xml')).toEqual({
        format: 'sitemap-index',
        siteUrl: 'https://s.example.com/',
        entries: [],
        sitemaps: ['https://s.example.com/a.xml', 'https://s.example.com/b.xml.gz'],
      });
    });
  });

  describe('when the bytes are ISO-8859-1 or Windows-1252', () => {
    it('reads accented titles from ISO-8859-1 declared in the XML declaration', () => {
      const xml = `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\u00e9 M\u00fcller</title><item><title>Gr\u00fc\u00dfe aus K\u00f6ln \u00e9t\u00e9</title><link>https://x.example/a</link></item></channel></rss>`;
      const feed = parseFeed(decodeFeedBytes(Buffer.from(xml, 'latin1')), FEED_URL);
      expect(feed.title).toBe('Caf\u00e9 M\u00fcller');
      expect(feed.entries[0]!.title).toBe('Gr\u00fc\u00dfe aus K\u00f6ln \u00e9t\u00e9');
    });

    it('reads Windows-1252 smart quotes named in the Content-Type', () => {
      const xml = Buffer.concat([
        Buffer.from('<rss version="2.0"><channel><item><title>', 'latin1'),
        Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35]),
        Buffer.from('</title><link>https://x.example/a</link></item></channel></rss>', 'latin1'),
      ]);
      const feed = parseFeed(decodeFeedBytes(xml, 'application/rss+xml; charset=windows-1252'), FEED_URL);
      expect(feed.entries[0]!.title).toBe('\u201cHi\u201d \u2013 \u20ac5');
    });
  });

  describe('when the document is not a feed', () => {
    it.each([
      ['empty', '   '],
      ['plain text', 'hello'],
      ['malformed XML', '<rss><channel><title>x</channel></rss>'],
      ['an HTML page', '<!DOCTYPE html><html><body><p>hi</p></body></html>'],
      ['another XML vocabulary', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
      ['RSS without a channel', '<rss version="2.0"/>'],
      ['JSON that is not a JSON Feed', '{"version": "1"}'],
      ['broken JSON', '{"version":'],
      [
        'an external entity',
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>',
      ],
    ])('throws FeedParseError for %s', (_name, text) => {
      expect(() => parseFeed(text, FEED_URL)).toThrow(FeedParseError);
    });
  });

  describe('when a DTD defines entities that expand exponentially (billion laughs)', () => {
    it('does not expand them', () => {
      const levels = Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level};`.repeat(10)}">`).join(
        '',
      );
      const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${levels}]><rss><channel><title>&lol9;</title><item><title>&lol9;&lol9;</title><link>https://x.example/a</link></item></channel></rss>`;
      let result: unknown;
      try {
        result = parseFeed(xml, FEED_URL);
      } catch (error) {
        expect(error).toBeInstanceOf(FeedParseError);
        return;
      }
      expect(JSON.stringify(result).length).toBeLessThan(10_000);
    });
  });

  describe('when given arbitrary text or bytes', () => {
    const onlyFeedParseErrors = (text: string): void => {
      try {
        parseFeed(text, FEED_URL);
      } catch (error) {
        if (!(error instanceof FeedParseError)) throw error;
      }
    };

    it('throws nothing but FeedParseError', () => {
      fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), onlyFeedParseErrors), { numRuns: 300 });
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => onlyFeedParseErrors(decodeFeedBytes(bytes))),
        { numRuns: 300 },
      );
    });

    it('throws nothing but FeedParseError for mangled feeds', () => {
      const documents = [rss2, rdf, atom, jsonFeed, newsSitemap];
      const mangled = fc
        .tuple(fc.constantFrom(...documents), fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 20 }))
        .map(([document, start, length, insert]) => {
          const at = start % document.length;
          return document.slice(0, at) + insert + document.slice(at + (length % 40));
        });
      fc.assert(fc.property(mangled, onlyFeedParseErrors), { numRuns: 400 });
    });
  });

  describe('when given generated feeds with hostile titles', () => {
    // XML 1.0 allows no C0 controls other than tab, LF and CR, and no U+FFFE/U+FFFF.
    const xmlChar = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .map((text) => [...text].filter((char) => /[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(char)).join(''));
    const specials = fc.constantFrom('&', '<', '>', '"', "'", ']]>', '&amp;', '&#38;', '<b>', 'é', '日本', '🎉', ' ', '\u00a0');
    const title = fc
      .array(fc.oneof(xmlChar, specials), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join(''))
      .filter((text) => text.replace(/[ \t\n\r]+/g, ' ').trim() !== '');
    const entries = fc
      .uniqueArray(
        fc.record({ slug: fc.stringMatching(/^[a-z0-9-]{1,20}$/), title, guid: fc.stringMatching(/^[A-Za-z0-9:._-]{1,30}$/) }),
        { selector: (entry) => entry.slug, maxLength: 8 },
      )
      .filter((items) => new Set(items.map((item) => item.guid)).size === items.length);
    const escape = (text: string): string =>
      text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
    const normalise = (text: string): string =>
      text
        .normalize('NFC')
        .replace(/[ \t\n\r]+/g, ' ')
        .trim();

    it('round-trips RSS titles, links and guids', () => {
      fc.assert(
        fc.property(entries, (items) => {
          const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://site.example/</link>${items
            .map(
              (item) =>
                `<item><title>${escape(item.title)}</title><link>/a/${item.slug}</link><guid isPermaLink="false">${item.guid}</guid></item>`,
            )
            .join('')}</channel></rss>`;
          const feed = parseFeed(xml, FEED_URL);
          expect(feed.entries.map((entry) => [entry.guid, entry.url, entry.title])).toEqual(
            items.map((item) => [item.guid, `https://site.example/a/${item.slug}`, normalise(item.title)]),
          );
        }),
        { numRuns: 200 },
      );
    });

    it('round-trips Atom titles, links and ids', () => {
      fc.assert(
        fc.property(entries, (items) => {
          const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/base/"><title>t</title>${items
            .map(
              (item) =>
                `<entry><id>${item.guid}</id><title type="text">${escape(item.title)}</title><link href="${item.slug}"/></entry>`,
            )
            .join('')}</feed>`;
          const feed = parseFeed(xml, FEED_URL);
          expect(feed.entries.map((entry) => [entry.guid, entry.url, entry.title])).toEqual(
            items.map((item) => [item.guid, `https://atom.example/base/${item.slug}`, normalise(item.title)]),
          );
        }),
        { numRuns: 200 },
      );
    });
  });
});
