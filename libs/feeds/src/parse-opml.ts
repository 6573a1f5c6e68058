import { FeedParseError } from './feed-parse-error';
import { attr, childNamed, childrenNamed, parseXml, XmlElement } from './xml-tree';

/** One feed an OPML subscription list names, as written (the URL is not yet validated). */
export interface OpmlFeed {
  /** The `xmlUrl` attribute, trimmed. */
  readonly xmlUrl: string;
  /** The site's page (`htmlUrl`), when given. */
  readonly htmlUrl?: string;
  /** The outline's `title`, else its `text`: what the articles are filed under. Whitespace collapsed. */
  readonly outlet?: string;
  /** The titles of the folders the outline sits in, outermost first (kept for reports; not stored). */
  readonly folders: readonly string[];
}

/**
 * The feeds of an OPML 1.0/2.0 subscription list (what feed readers export): every `<outline>`
 * with an `xmlUrl`, at any depth, in document order. Folders (outlines without `xmlUrl`) are
 * walked into. Duplicates are kept: deduplication happens after the URLs are normalised.
 *
 * @throws FeedParseError when the text is not well-formed XML or its root is not `<opml>` with a `<body>`.
 */
export function parseOpml(text: string): OpmlFeed[] {
  const root = parseXml(text.replace(/^\uFEFF/, ''));
  if (root.local !== 'opml') throw new FeedParseError(`not an OPML document (root element <${root.name}>)`);
  const body = childNamed(root, 'body');
  if (!body) throw new FeedParseError('OPML document without a <body>');
  const feeds: OpmlFeed[] = [];
  collect(body, [], feeds);
  return feeds;
}

function collect(parent: XmlElement, folders: readonly string[], into: OpmlFeed[]): void {
  for (const outline of childrenNamed(parent, 'outline')) {
    const name = oneLine(attr(outline, 'title')) || oneLine(attr(outline, 'text'));
    const xmlUrl = attr(outline, 'xmlUrl')?.trim() ?? '';
    if (xmlUrl !== '') {
      const htmlUrl = attr(outline, 'htmlUrl')?.trim();
      into.push({
        xmlUrl,
        ...(htmlUrl ? { htmlUrl } : {}),
        ...(name ? { outlet: name } : {}),
        folders,
      });
    }
    collect(outline, name ? [...folders, name] : folders, into);
  }
}

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
