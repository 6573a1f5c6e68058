import { sanitizeText } from '@chronicle/contracts';
import { FeedEntry } from './feed-entry';
import { htmlToText } from './html-text';

/** Sanitised, whitespace collapsed and trimmed; undefined when nothing is left. */
export function cleanLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const clean = sanitizeText(text)
    .replace(/[ \t\n\r]+/g, ' ')
    .trim();
  return clean === '' ? undefined : clean;
}

/** Plain text from HTML, sanitised; undefined when nothing is left. */
export function cleanHtmlText(html: string | undefined): string | undefined {
  if (html === undefined || html.trim() === '') return undefined;
  const text = sanitizeText(htmlToText(html)).trim();
  return text === '' ? undefined : text;
}

/** HTML kept as markup, sanitised; undefined when blank. */
export function cleanHtml(html: string | undefined): string | undefined {
  if (html === undefined) return undefined;
  const clean = sanitizeText(html).trim();
  return clean === '' ? undefined : clean;
}

/** Keeps the first entry for each guid and each URL. */
export function uniqueEntries(entries: Iterable<FeedEntry | undefined>): FeedEntry[] {
  const guids = new Set<string>();
  const urls = new Set<string>();
  const unique: FeedEntry[] = [];
  for (const entry of entries) {
    if (entry === undefined || guids.has(entry.guid) || urls.has(entry.url)) continue;
    guids.add(entry.guid);
    urls.add(entry.url);
    unique.push(entry);
  }
  return unique;
}

/** Builds an entry, leaving out fields that are undefined; undefined without a URL. */
export function entry(fields: { [K in keyof FeedEntry]?: FeedEntry[K] | undefined }): FeedEntry | undefined {
  const { url } = fields;
  if (url === undefined) return undefined;
  const guid = cleanLine(fields.guid) ?? url;
  const result: Record<string, string> = { guid, url };
  for (const key of ['title', 'summary', 'contentHtml', 'author', 'publishedAt'] as const) {
    const value = fields[key];
    if (value !== undefined) result[key] = value;
  }
  return result as unknown as FeedEntry;
}
