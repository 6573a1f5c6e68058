/** The formats {@link parseFeed} reads. */
export type FeedFormat = 'rss2' | 'rss1' | 'atom' | 'json-feed' | 'news-sitemap' | 'sitemap' | 'sitemap-index';

/** One item of a feed, with links absolute and text cleaned. */
export interface FeedEntry {
  /** The entry's own id (RSS `guid`, RDF `rdf:about`, Atom `id`, JSON Feed `id`), else its URL. Unique within a feed. */
  readonly guid: string;
  /** The article's absolute http(s) URL. Unique within a feed. */
  readonly url: string;
  readonly title?: string;
  /** Plain text, paragraphs separated by blank lines. */
  readonly summary?: string;
  /** The full content as HTML, when the feed carries it (`content:encoded`, Atom `content`, `content_html`). */
  readonly contentHtml?: string;
  readonly author?: string;
  /** ISO 8601 UTC; absent when the entry has no date or one that could not be read. */
  readonly publishedAt?: string;
}

/** What a feed document says. */
export interface ParsedFeed {
  readonly format: FeedFormat;
  readonly title?: string;
  /** The site the feed belongs to (channel link, Atom alternate link, `home_page_url`). */
  readonly siteUrl?: string;
  readonly entries: readonly FeedEntry[];
  /** For a sitemap index only: the sitemaps it lists, to fetch in turn. */
  readonly sitemaps?: readonly string[];
}
