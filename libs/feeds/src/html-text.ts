import { DOMParser } from 'linkedom';

/** Elements whose text is never article text. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'footer',
  'header',
  'aside',
  'form',
  'button',
  'select',
  'iframe',
  'object',
  'svg',
  'canvas',
  'head',
  'title',
  'menu',
  'dialog',
]);

/** Elements that end a paragraph. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figure',
  'figcaption',
  'hr',
  'address',
  'details',
  'summary',
  'body',
]);

/** The subset of a DOM node this reads (linkedom's and the browser's both fit). */
export interface TextNodeLike {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<TextNodeLike>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * The readable text under a DOM node: paragraphs (block elements, `<br>` pairs) separated by one
 * blank line, runs of whitespace inside a paragraph collapsed to one space, and nothing from
 * scripts, styles, navigation, headers, footers or forms.
 */
export function nodeToText(node: TextNodeLike): string {
  const paragraphs: string[] = [];
  let current = '';
  // Text nodes are added with their whitespace collapsed, so the only newlines in `current` are
  // `<br>`s, and two of them in a row end a paragraph.
  const endParagraph = (): void => {
    for (const part of current.split(/\n *\n/)) {
      const text = part.replace(/\s+/g, ' ').trim();
      if (text !== '') paragraphs.push(text);
    }
    current = '';
  };
  // Iterative walk: hostile pages nest deeply enough to overflow a recursive one.
  const stack: Array<TextNodeLike | 'end-block'> = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next === 'end-block') {
      endParagraph();
      continue;
    }
    if (next.nodeType === TEXT_NODE) {
      current += (next.nodeValue ?? '').replace(/\s+/g, ' ');
      continue;
    }
    if (next.nodeType !== ELEMENT_NODE && next.nodeType !== 9 && next.nodeType !== 11) continue;
    const name = next.nodeName.toLowerCase();
    if (SKIPPED.has(name)) continue;
    if (name === 'br') {
      current += '\n';
      continue;
    }
    const block = BLOCKS.has(name);
    if (block) {
      endParagraph();
      stack.push('end-block');
    }
    // Read once: linkedom builds `childNodes` afresh on every access, so indexing it in the loop
    // made a node with thousands of children cost the square of that.
    const children = next.childNodes;
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  endParagraph();
  return paragraphs.join('\n\n');
}

/** {@link nodeToText} of an HTML fragment (a feed entry's content or summary). */
export function htmlToText(html: string): string {
  const document = new DOMParser().parseFromString(`<!DOCTYPE html><html><body>${html}</body></html>`, 'text/html');
  return nodeToText(document.body as unknown as TextNodeLike);
}
