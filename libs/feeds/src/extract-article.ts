import { Readability } from '@mozilla/readability';
import { DOMParser } from 'linkedom';
import { parseFeedDate } from './feed-dates';
import { nodeToText, TextNodeLike } from './html-text';

/** The main text of an article page and what the page says about it. */
export interface ExtractedArticle {
  /** Paragraphs separated by blank lines; never empty. */
  readonly text: string;
  readonly title?: string;
  readonly byline?: string;
  /** ISO 8601 UTC. */
  readonly publishedAt?: string;
}

/** The bits of linkedom's DOM this reads. */
interface ElementLike extends TextNodeLike {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}
interface DocumentLike {
  querySelectorAll(selector: string): Iterable<ElementLike>;
}

/**
 * How deep a page may nest its elements. Readability reads every element's whole text, so a page
 * nested n deep costs the square of n: 50 KB of nested `<div>`s took 2.4 s and 400 KB 145 s, with
 * the feeds service's event loop held all the while. Real pages nest a few dozen deep.
 */
export const MAX_PAGE_DEPTH = 256;

/** A page whose shape no article has (see {@link MAX_PAGE_DEPTH}); the message says what it is. */
export class PageShapeError extends Error {
  override readonly name = 'PageShapeError';
}

/**
 * The main text of an article page, found by Mozilla Readability over linkedom's DOM, with the
 * title, byline and publication time from JSON-LD (`NewsArticle` and other `Article` types:
 * `headline`, `author.name`, `datePublished`), then Open Graph / meta tags (`og:title`,
 * `article:published_time`, `author`), then what Readability found. Scripts, styles, navigation,
 * headers and footers never reach the text.
 *
 * Returns null when the page has no main text (the caller records "no main text"); throws a
 * {@link PageShapeError} for a page nested more than {@link MAX_PAGE_DEPTH} deep.
 */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle | null {
  let document: DocumentLike;
  try {
    document = new DOMParser().parseFromString(html, 'text/html') as unknown as DocumentLike;
  } catch {
    return null;
  }
  const depth = nestingDepth(document as unknown as TextNodeLike);
  if (depth > MAX_PAGE_DEPTH)
    throw new PageShapeError(`the page nests elements ${depth} deep (at most ${MAX_PAGE_DEPTH} are read)`);
  // Read before Readability runs: it removes scripts and rewrites the document.
  const jsonLd = jsonLdArticle(document);
  const meta = metaTags(document);
  let parsed: ReturnType<Readability<TextNodeLike>['parse']>;
  try {
    parsed = new Readability<TextNodeLike>(withBaseUri(document, pageUrl) as never, {
      serializer: (node) => node as unknown as TextNodeLike,
    }).parse();
  } catch {
    return null;
  }
  const text = parsed?.content ? nodeToText(parsed.content).trim() : '';
  if (text === '') return null;
  const title = firstLine(jsonLd.headline, meta.title, parsed?.title ?? undefined);
  const byline = firstLine(jsonLd.author, parsed?.byline ?? undefined, meta.author);
  const publishedAt = [jsonLd.datePublished, meta.publishedTime, parsed?.publishedTime ?? undefined]
    .map((value) => parseFeedDate(value))
    .find((value) => value !== undefined);
  return {
    text,
    ...(title === undefined ? {} : { title }),
    ...(byline === undefined ? {} : { byline }),
    ...(publishedAt === undefined ? {} : { publishedAt }),
  };
}

/** How many levels of nodes lie under and including `root` (an iterative walk: hostile pages overflow a recursive one). */
function nestingDepth(root: TextNodeLike): number {
  let deepest = 0;
  const stack: Array<[TextNodeLike, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    // Read once: linkedom builds `childNodes` afresh on every access.
    const children = node.childNodes;
    for (let index = 0; index < children.length; index++) stack.push([children[index]!, depth + 1]);
  }
  return deepest;
}

function firstLine(...candidates: Array<string | undefined>): string | undefined {
  for (const candidate of candidates) {
    const line = candidate?.replace(/\s+/g, ' ').trim();
    if (line) return line;
  }
  return undefined;
}

/** Readability resolves links against `documentURI`/`baseURI`; linkedom leaves them unset. */
function withBaseUri(document: DocumentLike, pageUrl: string): DocumentLike {
  for (const property of ['documentURI', 'baseURI']) {
    try {
      Object.defineProperty(document, property, { value: pageUrl, configurable: true });
    } catch {
      // A read-only property keeps linkedom's value; only relative links in the dropped HTML depend on it.
    }
  }
  return document;
}

interface JsonLdArticle {
  readonly headline?: string;
  readonly author?: string;
  readonly datePublished?: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The first JSON-LD node typed as an article, `NewsArticle` and its kinds first. */
function jsonLdArticle(document: DocumentLike): JsonLdArticle {
  const nodes: Json[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      collectNodes(JSON.parse(script.textContent ?? ''), nodes, 0);
    } catch {
      // A page's broken JSON-LD is the page's problem; Open Graph and Readability still count.
    }
  }
  const types = (node: Json): string[] => {
    const type = node['@type'];
    return (Array.isArray(type) ? type : [type]).filter((value): value is string => typeof value === 'string');
  };
  const article =
    nodes.find((node) => types(node).some((type) => type.endsWith('NewsArticle'))) ??
    nodes.find((node) => types(node).some((type) => type.endsWith('Article') || type === 'BlogPosting'));
  if (article === undefined) return {};
  const headline = stringOf(article['headline']) ?? stringOf(article['name']);
  const author = authorName(article['author']);
  const datePublished = stringOf(article['datePublished']);
  return {
    ...(headline === undefined ? {} : { headline }),
    ...(author === undefined ? {} : { author }),
    ...(datePublished === undefined ? {} : { datePublished }),
  };
}

function collectNodes(value: unknown, nodes: Json[], depth: number): void {
  if (depth > 5) return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, nodes, depth + 1);
  } else if (isObject(value)) {
    nodes.push(value);
    if (value['@graph'] !== undefined) collectNodes(value['@graph'], nodes, depth + 1);
  }
}

/** `author` as a name, a Person/Organization, or a list of them (joined with commas). */
function authorName(author: unknown): string | undefined {
  const names = (Array.isArray(author) ? author : [author])
    .map((item) => (typeof item === 'string' ? item : isObject(item) ? stringOf(item['name']) : undefined))
    .map((name) => name?.trim())
    .filter((name): name is string => name !== undefined && name !== '' && !/^https?:\/\//i.test(name));
  return names.length === 0 ? undefined : names.join(', ');
}

interface MetaTags {
  readonly title?: string;
  readonly author?: string;
  readonly publishedTime?: string;
}

function metaTags(document: DocumentLike): MetaTags {
  const values = new Map<string, string>();
  for (const meta of document.querySelectorAll('meta')) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop'))
      ?.trim()
      .toLowerCase();
    const content = meta.getAttribute('content')?.trim();
    if (key && content && !values.has(key)) values.set(key, content);
  }
  const author = [values.get('author'), values.get('article:author')].find(
    (name) => name !== undefined && !/^https?:\/\//i.test(name),
  );
  const publishedTime =
    values.get('article:published_time') ?? values.get('og:article:published_time') ?? values.get('datepublished');
  const title = values.get('og:title');
  return {
    ...(title === undefined ? {} : { title }),
    ...(author === undefined ? {} : { author }),
    ...(publishedTime === undefined ? {} : { publishedTime }),
  };
}
