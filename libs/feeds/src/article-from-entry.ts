import { sanitizeText } from '@chronicle/contracts';
import { cleanHtmlText } from './entry-fields';
import { ExtractedArticle } from './extract-article';
import { FeedEntry } from './feed-entry';

/** Longest title ingest accepts (`articleSubmissionSchema`). */
const MAX_TITLE_LENGTH = 1000;
/** Longest outlet ingest accepts. */
const MAX_OUTLET_LENGTH = 200;

/**
 * An article as `POST /v1/articles` takes it (ingest's `articleSubmissionSchema`), without an
 * `id`, so ingest derives the id from the URL exactly as for a hand-posted article.
 */
export interface FeedArticleSubmission {
  readonly url: string;
  readonly title: string;
  readonly body: string;
  readonly outlet?: string;
  readonly publishedAt?: string;
}

export interface ArticleFromEntryOptions {
  /** The outlet's name, from the feed's site (its title, or the site's host). */
  readonly outlet?: string;
  /** The article page's main text, from {@link extractArticle} (or as plain text). */
  readonly fullText?: ExtractedArticle | string;
}

/**
 * The article submission for a feed entry. The body is, in order: the page's full text, the
 * entry's content as text, its summary. The title is the entry's, else the page's, else the
 * URL; `publishedAt` is the entry's, else the page's. Returns null when there is no body text
 * at all (ingest refuses an empty body): the caller records the entry as "no text".
 */
export function articleFromEntry(
  entry: FeedEntry,
  { outlet, fullText }: ArticleFromEntryOptions = {},
): FeedArticleSubmission | null {
  const page = typeof fullText === 'string' ? { text: fullText } : fullText;
  const body = [page?.text, cleanHtmlText(entry.contentHtml), entry.summary]
    .map((text) => (text === undefined ? '' : sanitizeText(text).trim()))
    .find((text) => text !== '');
  if (body === undefined) return null;
  const title = truncate(singleLine(entry.title) || singleLine(page?.title) || entry.url, MAX_TITLE_LENGTH);
  const outletName = truncate(singleLine(outlet), MAX_OUTLET_LENGTH);
  const publishedAt = entry.publishedAt ?? page?.publishedAt;
  return {
    url: entry.url,
    title,
    body,
    ...(outletName === '' ? {} : { outlet: outletName }),
    ...(publishedAt === undefined ? {} : { publishedAt }),
  };
}

function singleLine(text: string | undefined): string {
  return text === undefined ? '' : sanitizeText(text).replace(/\s+/g, ' ').trim();
}

/** At most `max` UTF-16 units, never splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end).trim();
}
