/**
 * Feed documents and article pages generated for benches and tests, in every format the feeds
 * service reads: RSS 2.0, RSS 1.0 (RDF), Atom, JSON Feed and news sitemaps. Nothing here is
 * Chronicle code: it plays the part of the sites being monitored.
 */

export type GeneratedFeedFormat = 'rss2' | 'rdf' | 'atom' | 'json-feed' | 'news-sitemap';

export const GENERATED_FEED_FORMATS: readonly GeneratedFeedFormat[] = ['rss2', 'rdf', 'atom', 'json-feed', 'news-sitemap'];

export interface GeneratedEntry {
  /** The article page's absolute URL. */
  url: string;
  title: string;
  /** A summary (plain text). */
  summary: string;
  /** The full text as HTML paragraphs; absent for a summary-only entry (a news sitemap never carries it). */
  contentHtml?: string;
  publishedAt: string;
}

/** The content type each format is served with. */
export const FEED_CONTENT_TYPE: Record<GeneratedFeedFormat, string> = {
  rss2: 'application/rss+xml; charset=utf-8',
  rdf: 'application/rdf+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  'json-feed': 'application/feed+json',
  'news-sitemap': 'application/xml; charset=utf-8',
};

export const xmlEscape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A feed document of `format` listing `entries` (newest first, as feeds do). */
export function feedDocument(
  format: GeneratedFeedFormat,
  siteUrl: string,
  title: string,
  entries: readonly GeneratedEntry[],
): string {
  switch (format) {
    case 'rss2':
      return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>${xmlEscape(title)}</title><link>${xmlEscape(siteUrl)}</link><description>News</description>
${entries
  .map(
    (
      entry,
    ) => `<item><title>${xmlEscape(entry.title)}</title><link>${xmlEscape(entry.url)}</link><guid>${xmlEscape(entry.url)}</guid>
<pubDate>${new Date(entry.publishedAt).toUTCString()}</pubDate><description>${xmlEscape(entry.summary)}</description>
${entry.contentHtml ? `<content:encoded><![CDATA[${entry.contentHtml}]]></content:encoded>` : ''}</item>`,
  )
  .join('\n')}
</channel></rss>`;
    case 'rdf':
      return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="${xmlEscape(siteUrl)}"><title>${xmlEscape(title)}</title><link>${xmlEscape(siteUrl)}</link><description>News</description>
<items><rdf:Seq>${entries.map((entry) => `<rdf:li rdf:resource="${xmlEscape(entry.url)}"/>`).join('')}</rdf:Seq></items></channel>
${entries
  .map(
    (
      entry,
    ) => `<item rdf:about="${xmlEscape(entry.url)}"><title>${xmlEscape(entry.title)}</title><link>${xmlEscape(entry.url)}</link>
<dc:date>${entry.publishedAt}</dc:date><description>${xmlEscape(entry.summary)}</description>
${entry.contentHtml ? `<content:encoded>${xmlEscape(entry.contentHtml)}</content:encoded>` : ''}</item>`,
  )
  .join('\n')}
</rdf:RDF>`;
    case 'atom':
      return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${xmlEscape(title)}</title><id>${xmlEscape(siteUrl)}atom</id>
<link rel="alternate" href="${xmlEscape(siteUrl)}"/><updated>${entries[0]?.publishedAt ?? '2026-11-30T00:00:00Z'}</updated>
${entries
  .map(
    (entry) => `<entry><title>${xmlEscape(entry.title)}</title><link rel="alternate" href="${xmlEscape(entry.url)}"/>
<id>${xmlEscape(entry.url)}</id><updated>${entry.publishedAt}</updated><summary>${xmlEscape(entry.summary)}</summary>
${entry.contentHtml ? `<content type="html">${xmlEscape(entry.contentHtml)}</content>` : ''}</entry>`,
  )
  .join('\n')}
</feed>`;
    case 'json-feed':
      return JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title,
        home_page_url: siteUrl,
        items: entries.map((entry) => ({
          id: entry.url,
          url: entry.url,
          title: entry.title,
          date_published: entry.publishedAt,
          summary: entry.summary,
          ...(entry.contentHtml ? { content_html: entry.contentHtml } : {}),
        })),
      });
    case 'news-sitemap':
      return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${entries
  .map(
    (
      entry,
    ) => `<url><loc>${xmlEscape(entry.url)}</loc><news:news><news:publication><news:name>${xmlEscape(title)}</news:name><news:language>en</news:language></news:publication>
<news:publication_date>${entry.publishedAt}</news:publication_date><news:title>${xmlEscape(entry.title)}</news:title></news:news></url>`,
  )
  .join('\n')}
</urlset>`;
    default: {
      const unknown: never = format;
      throw new Error(`unknown format ${String(unknown)}`);
    }
  }
}

/** Text marking what must never reach an article body: script source and navigation links. */
export const PAGE_CHROME = { script: 'trackVisitorEverywhere', navigation: 'Sitewide Navigation Menu' } as const;

/** Paragraphs of plausible news prose about `topic` (enough text for Readability to find a main text). */
export function articleParagraphs(topic: string, count = 4): string[] {
  return Array.from(
    { length: count },
    (_, n) =>
      `The council of the city of Exampleton met on Tuesday to discuss the ${topic} report, part ${n + 1}. ` +
      'Members debated the budget for the harbour, the new tram line and the library for more than three hours. ' +
      '"We have waited long enough for this decision," said Maria Lindqvist, who chairs the transport committee. ' +
      'The opposition asked for more time to study the figures before the final vote next month.',
  );
}

/** An article page: the paragraphs inside `<article>`, wrapped in navigation, a script and a footer. */
export function articlePage(title: string, paragraphs: readonly string[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${xmlEscape(title)}</title>
<script>function ${PAGE_CHROME.script}() { return "${PAGE_CHROME.script}"; } ${PAGE_CHROME.script}();</script></head><body>
<header><nav><a href="/">${PAGE_CHROME.navigation}</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<article><h1>${xmlEscape(title)}</h1>
${paragraphs.map((paragraph) => `<p>${xmlEscape(paragraph)}</p>`).join('\n')}
</article><footer>Exampleton Gazette</footer></body></html>`;
}

/** A page with no main text: navigation, a script and a gallery of images. */
export function pageWithoutMainText(title: string): string {
  return `<!doctype html><html><head><title>${xmlEscape(title)}</title><script>var ${PAGE_CHROME.script} = 1;</script></head>
<body><header><nav><a href="/">${PAGE_CHROME.navigation}</a> <a href="/news">News</a></nav></header>
<div class="gallery"><img src="/a.jpg" alt=""><img src="/b.jpg" alt=""></div><footer>Exampleton Gazette</footer></body></html>`;
}
