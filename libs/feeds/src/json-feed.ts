import { FeedEntry, ParsedFeed } from './feed-entry';
import { parseFeedDate } from './feed-dates';
import { FeedParseError } from './feed-parse-error';
import { resolveHttpUrl } from './feed-urls';
import { cleanHtml, cleanLine, entry, uniqueEntries } from './entry-fields';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

/**
 * Reads a JSON Feed 1.0 or 1.1 document (https://www.jsonfeed.org/version/1.1/).
 * @throws FeedParseError when it is not JSON, or not a JSON Feed.
 */
export function parseJsonFeed(text: string, feedUrl: string): ParsedFeed {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!isObject(document)) throw new FeedParseError('not a JSON Feed: the document is not an object');
  const version = stringOf(document['version']);
  if (version === undefined || !version.startsWith('https://jsonfeed.org/version/')) {
    throw new FeedParseError('not a JSON Feed: no "version" of https://jsonfeed.org/version/…');
  }
  const siteUrl = resolveHttpUrl(stringOf(document['home_page_url']), feedUrl);
  const base = siteUrl ?? feedUrl;
  const feedAuthor = authorOf(document);
  const items = Array.isArray(document['items']) ? (document['items'] as unknown[]) : [];
  const entries = items.filter(isObject).map((item): FeedEntry | undefined => {
    const contentText = stringOf(item['content_text']);
    return entry({
      guid: stringOf(item['id']),
      url: resolveHttpUrl(stringOf(item['url']), base) ?? resolveHttpUrl(stringOf(item['external_url']), base),
      title: cleanLine(stringOf(item['title'])),
      summary: cleanLine(stringOf(item['summary'])) ?? (contentText === undefined ? undefined : plainTextSummary(contentText)),
      contentHtml: cleanHtml(stringOf(item['content_html'])),
      author: authorOf(item) ?? feedAuthor,
      publishedAt: parseFeedDate(stringOf(item['date_published']) ?? stringOf(item['date_modified'])),
    });
  });
  const title = cleanLine(stringOf(document['title']));
  return {
    format: 'json-feed',
    ...(title === undefined ? {} : { title }),
    ...(siteUrl === undefined ? {} : { siteUrl }),
    entries: uniqueEntries(entries),
  };
}

/** `content_text` is plain text: kept as paragraphs, not read as HTML. */
function plainTextSummary(text: string): string | undefined {
  const paragraphs = text
    .split(/\n[ \t\r]*\n/)
    .map((paragraph) => cleanLine(paragraph))
    .filter((paragraph): paragraph is string => paragraph !== undefined);
  return paragraphs.length === 0 ? undefined : paragraphs.join('\n\n');
}

/** JSON Feed 1.1 `authors[]`, else 1.0 `author`. */
function authorOf(object: Json): string | undefined {
  const authors = Array.isArray(object['authors']) ? (object['authors'] as unknown[]) : [object['author']];
  for (const author of authors) {
    if (!isObject(author)) continue;
    const name = cleanLine(stringOf(author['name']));
    if (name !== undefined) return name;
  }
  return undefined;
}
