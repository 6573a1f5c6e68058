import { cleanHtml, cleanHtmlText, cleanLine, entry, uniqueEntries } from './entry-fields';
import { FeedEntry, ParsedFeed } from './feed-entry';
import { parseFeedDate } from './feed-dates';
import { FeedParseError } from './feed-parse-error';
import { resolveBase, resolveHttpUrl } from './feed-urls';
import { parseJsonFeed } from './json-feed';
import {
  attr,
  childNamed,
  childrenNamed,
  childText,
  escapeText,
  innerMarkup,
  NS,
  parseXml,
  textContent,
  XmlElement,
} from './xml-tree';

/**
 * Reads an RSS 2.0, RSS 1.0 (RDF), Atom 1.0, JSON Feed 1.x or sitemap (news sitemap, plain
 * urlset, sitemap index) document, telling them apart by their root.
 *
 * Links are resolved against `xml:base` where given, else the feed's site link, else `feedUrl`;
 * entries without an http(s) link are left out, as are later entries repeating an earlier one's
 * guid or URL. Fields that cannot be read (a date in no known form) are left out of that entry.
 *
 * @throws FeedParseError when the text is not well-formed, or not one of these formats.
 */
export function parseFeed(text: string, feedUrl: string): ParsedFeed {
  const document = text.replace(/^\uFEFF/, '').trimStart();
  if (document === '') throw new FeedParseError('empty document');
  if (document.startsWith('{')) return parseJsonFeed(document, feedUrl);
  if (!document.startsWith('<')) throw new FeedParseError('neither XML nor JSON: the document does not start with "<" or "{"');
  if (document.slice(0, 14).toLowerCase() === '<!doctype html') throw new FeedParseError('an HTML page, not a feed');
  const root = parseXml(document);
  switch (root.local) {
    case 'rss':
      return parseRss(root, feedUrl);
    case 'RDF':
      return parseRdf(root, feedUrl);
    case 'feed':
      return parseAtom(root, feedUrl);
    case 'urlset':
      return parseUrlset(root, feedUrl);
    case 'sitemapindex':
      return parseSitemapIndex(root, feedUrl);
    default:
      throw new FeedParseError(
        root.local.toLowerCase() === 'html'
          ? 'an HTML page, not a feed'
          : `not a feed: unknown root element <${root.name.slice(0, 50)}>`,
      );
  }
}

function feed(
  format: ParsedFeed['format'],
  title: string | undefined,
  siteUrl: string | undefined,
  entries: FeedEntry[],
): ParsedFeed {
  return { format, ...(title === undefined ? {} : { title }), ...(siteUrl === undefined ? {} : { siteUrl }), entries };
}

/** The base an element's own `xml:base` sets, given its parent's. */
function baseOf(element: XmlElement, parentBase: string | undefined): string | undefined {
  return resolveBase(attr(element, 'xml:base'), parentBase);
}

/**
 * The base for entries: an explicit `xml:base` on the feed wins, then the site link, then the feed's URL.
 */
function entryBase(feedElements: XmlElement[], siteUrl: string | undefined, feedUrl: string): string {
  const hasXmlBase = feedElements.some((element) => attr(element, 'xml:base') !== undefined);
  if (hasXmlBase) return feedElements.reduce<string | undefined>((base, element) => baseOf(element, base), feedUrl) ?? feedUrl;
  return siteUrl ?? feedUrl;
}

/** RSS `<link>` elements (not `atom:link`, which some RSS feeds add beside them). */
function rssLinkText(element: XmlElement): string | undefined {
  for (const link of childrenNamed(element, 'link')) {
    if (link.ns === NS.atom) continue;
    const text = textContent(link).trim();
    if (text !== '') return text;
  }
  return undefined;
}

function parseRss(root: XmlElement, feedUrl: string): ParsedFeed {
  const channel = childNamed(root, 'channel');
  if (channel === undefined) throw new FeedParseError('RSS without a <channel>');
  const channelBase = baseOf(channel, baseOf(root, feedUrl));
  const siteUrl = resolveHttpUrl(rssLinkText(channel), channelBase);
  const base = entryBase([root, channel], siteUrl, feedUrl);
  const entries = childrenNamed(channel, 'item').map((item) => rssItem(item, baseOf(item, base)));
  return feed('rss2', cleanLine(childText(channel, 'title')), siteUrl, uniqueEntries(entries));
}

function rssItem(item: XmlElement, base: string | undefined): FeedEntry | undefined {
  const guidElement = childNamed(item, 'guid');
  const guid = guidElement === undefined ? undefined : textContent(guidElement).trim();
  const guidIsLink = guidElement !== undefined && attr(guidElement, 'isPermaLink')?.trim().toLowerCase() !== 'false';
  const atomLink = childrenNamed(item, 'link', NS.atom).find((link) => (attr(link, 'rel') ?? 'alternate') === 'alternate');
  const url =
    resolveHttpUrl(rssLinkText(item), base) ??
    resolveHttpUrl(atomLink === undefined ? undefined : attr(atomLink, 'href'), base) ??
    (guidIsLink ? resolveHttpUrl(guid, base) : undefined);
  return entry({
    guid,
    url,
    title: cleanLine(childText(item, 'title')),
    summary: cleanHtmlText(childText(item, 'description')),
    contentHtml: cleanHtml(childText(item, 'encoded')),
    author: cleanLine(childText(item, 'creator') ?? childText(item, 'author')),
    publishedAt: parseFeedDate(childText(item, 'pubDate') ?? childText(item, 'date')),
  });
}

function parseRdf(root: XmlElement, feedUrl: string): ParsedFeed {
  const channel = childNamed(root, 'channel');
  const rootBase = baseOf(root, feedUrl);
  const siteUrl = channel === undefined ? undefined : resolveHttpUrl(rssLinkText(channel), baseOf(channel, rootBase));
  const base = entryBase(channel === undefined ? [root] : [root, channel], siteUrl, feedUrl);
  // RSS 1.0 items are siblings of the channel; some producers nest them inside it anyway.
  const items = [...childrenNamed(root, 'item'), ...(channel === undefined ? [] : childrenNamed(channel, 'item'))];
  const entries = items.map((item) => {
    const itemBase = baseOf(item, base);
    const about = attr(item, 'rdf:about');
    return entry({
      guid: about,
      url: resolveHttpUrl(rssLinkText(item), itemBase) ?? resolveHttpUrl(about, itemBase),
      title: cleanLine(childText(item, 'title')),
      summary: cleanHtmlText(childText(item, 'description')),
      contentHtml: cleanHtml(childText(item, 'encoded')),
      author: cleanLine(childText(item, 'creator')),
      publishedAt: parseFeedDate(childText(item, 'date')),
    });
  });
  return feed(
    'rss1',
    channel === undefined ? undefined : cleanLine(childText(channel, 'title')),
    siteUrl,
    uniqueEntries(entries),
  );
}

/** The href of an Atom `rel="alternate"` link (rel absent means alternate), preferring HTML ones. */
function atomAlternate(element: XmlElement, base: string | undefined): string | undefined {
  const alternates = childrenNamed(element, 'link').filter((link) => (attr(link, 'rel')?.trim() || 'alternate') === 'alternate');
  const html = alternates.filter((link) => {
    const type = attr(link, 'type')?.trim().toLowerCase();
    return type === undefined || type === 'text/html' || type === 'application/xhtml+xml';
  });
  for (const link of [...html, ...alternates]) {
    const url = resolveHttpUrl(attr(link, 'href'), baseOf(link, base));
    if (url !== undefined) return url;
  }
  return undefined;
}

/** An Atom text construct (`type` text, html or xhtml) as plain text. */
function atomText(element: XmlElement | undefined): string | undefined {
  if (element === undefined) return undefined;
  const type = attr(element, 'type')?.trim().toLowerCase() ?? 'text';
  if (type === 'html' || type === 'text/html') return cleanLine(cleanHtmlText(textContent(element)));
  return cleanLine(textContent(element));
}

/** Atom `content` as HTML; undefined for out-of-line (`src`) or non-text content. */
function atomContentHtml(element: XmlElement | undefined): string | undefined {
  if (element === undefined || attr(element, 'src') !== undefined) return undefined;
  const type = attr(element, 'type')?.trim().toLowerCase() ?? 'text';
  if (type === 'html' || type === 'text/html') return cleanHtml(textContent(element));
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const div = childNamed(element, 'div');
    return cleanHtml(innerMarkup(div ?? element));
  }
  if (type === 'text' || type === 'text/plain') {
    const text = cleanLine(textContent(element));
    return text === undefined ? undefined : `<p>${escapeText(text)}</p>`;
  }
  return undefined;
}

function atomSummary(element: XmlElement | undefined): string | undefined {
  if (element === undefined) return undefined;
  const type = attr(element, 'type')?.trim().toLowerCase() ?? 'text';
  if (type === 'html' || type === 'text/html') return cleanHtmlText(textContent(element));
  if (type === 'xhtml' || type === 'application/xhtml+xml')
    return cleanHtmlText(innerMarkup(childNamed(element, 'div') ?? element));
  return cleanLine(textContent(element));
}

function atomAuthor(element: XmlElement): string | undefined {
  for (const author of childrenNamed(element, 'author')) {
    const name = cleanLine(childText(author, 'name'));
    if (name !== undefined) return name;
  }
  return undefined;
}

function parseAtom(root: XmlElement, feedUrl: string): ParsedFeed {
  const rootBase = baseOf(root, feedUrl);
  const siteUrl = atomAlternate(root, rootBase);
  const base = entryBase([root], siteUrl, feedUrl);
  const feedAuthor = atomAuthor(root);
  const entries = childrenNamed(root, 'entry').map((element) => {
    const entryBaseUrl = baseOf(element, base);
    return entry({
      guid: childText(element, 'id'),
      url: atomAlternate(element, entryBaseUrl),
      title: atomText(childNamed(element, 'title')),
      summary: atomSummary(childNamed(element, 'summary')),
      contentHtml: atomContentHtml(childNamed(element, 'content')),
      author: atomAuthor(element) ?? feedAuthor,
      publishedAt: parseFeedDate(childText(element, 'published') ?? childText(element, 'updated') ?? childText(element, 'date')),
    });
  });
  return feed('atom', atomText(childNamed(root, 'title')), siteUrl, uniqueEntries(entries));
}

function parseUrlset(root: XmlElement, feedUrl: string): ParsedFeed {
  const base = baseOf(root, feedUrl);
  let publication: string | undefined;
  let isNews = false;
  const entries = childrenNamed(root, 'url').map((element) => {
    const news = childNamed(element, 'news');
    if (news !== undefined) {
      isNews = true;
      publication ??= cleanLine(childText(childNamed(news, 'publication') ?? news, 'name'));
    }
    const url = resolveHttpUrl(childText(element, 'loc'), base);
    return entry({
      url,
      title: news === undefined ? undefined : cleanLine(childText(news, 'title')),
      publishedAt:
        (news === undefined ? undefined : parseFeedDate(childText(news, 'publication_date'))) ??
        parseFeedDate(childText(element, 'lastmod')),
    });
  });
  return feed(isNews ? 'news-sitemap' : 'sitemap', publication, siteOf(feedUrl), uniqueEntries(entries));
}

function parseSitemapIndex(root: XmlElement, feedUrl: string): ParsedFeed {
  const base = baseOf(root, feedUrl);
  const sitemaps = new Set<string>();
  for (const element of childrenNamed(root, 'sitemap')) {
    const url = resolveHttpUrl(childText(element, 'loc'), base);
    if (url !== undefined) sitemaps.add(url);
  }
  return { ...feed('sitemap-index', undefined, siteOf(feedUrl), []), sitemaps: [...sitemaps] };
}

/** A sitemap names no site: its origin stands in. */
function siteOf(feedUrl: string): string | undefined {
  try {
    return resolveHttpUrl(`${new URL(feedUrl).origin}/`, undefined);
  } catch {
    return undefined;
  }
}
