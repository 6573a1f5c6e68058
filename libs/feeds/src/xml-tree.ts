import { ProcessEntitiesOptions, XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedParseError } from './feed-parse-error';

/** One XML element with its namespace resolved from the `xmlns` declarations in scope. */
export interface XmlElement {
  /** The qualified name as written, e.g. `atom:link`. */
  readonly name: string;
  /** The name without its prefix, e.g. `link`. */
  readonly local: string;
  /** The namespace URI, `''` for none; an undeclared prefix keeps the prefix (`'news:'`), so sloppy feeds still read. */
  readonly ns: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: ReadonlyArray<XmlElement | string>;
}

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss1: 'http://purl.org/rss/1.0/',
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

type OrderedNode = Record<string, unknown>;

/*
 * Entity expansion: fast-xml-parser never expands DTD entities whose value holds markup or other
 * references (so no nesting, no billion laughs), refuses external (SYSTEM) entities, and these
 * limits bound what DTD entities may add. Predefined and numeric references are not counted:
 * HTML-escaped descriptions legitimately contain thousands of them.
 */
// `appliesTo` is read by fast-xml-parser 5.12 but missing from its typings.
const entityLimits: ProcessEntitiesOptions & { appliesTo: 'external' } = {
  enabled: true,
  maxEntityCount: 100,
  maxEntitySize: 10_000,
  maxTotalExpansions: 10_000,
  maxExpandedLength: 1_000_000,
  appliesTo: 'external',
};

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: entityLimits,
  // Also decodes numeric character references (which fast-xml-parser only does with this on) and
  // the common HTML named entities that hand-written feeds use without declaring them.
  htmlEntities: true,
});

/**
 * Parses an XML document into a namespace-resolved element tree: the root element.
 * Throws {@link FeedParseError} for anything that is not well-formed XML with one root element.
 */
export function parseXml(text: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new FeedParseError(`not well-formed XML at line ${line}, column ${col}: ${msg}`);
  }
  let nodes: unknown;
  try {
    nodes = parser.parse(text);
  } catch (error) {
    throw new FeedParseError(`unreadable XML: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const roots = Array.isArray(nodes) ? nodes.filter((node): node is OrderedNode => isElementNode(node)) : [];
  if (roots.length !== 1) throw new FeedParseError(`XML must have exactly one root element, found ${roots.length}`);
  const root = toElement(roots[0]!, new Map([['xml', NS.xml]]), '');
  if (root === null) throw new FeedParseError('XML has no root element');
  return root;
}

function isElementNode(node: unknown): node is OrderedNode {
  return typeof node === 'object' && node !== null && elementName(node as OrderedNode) !== undefined;
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && !key.startsWith('?') && !key.startsWith('!'));
}

function toElement(node: OrderedNode, scope: ReadonlyMap<string, string>, defaultNs: string): XmlElement | null {
  const name = elementName(node);
  if (name === undefined) return null;
  const rawAttrs = node[':@'];
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  let innerScope = scope;
  let innerDefault = defaultNs;
  if (typeof rawAttrs === 'object' && rawAttrs !== null) {
    for (const [key, value] of Object.entries(rawAttrs)) {
      const stringValue = typeof value === 'string' ? value : String(value);
      attrs[key] = stringValue;
      if (key === 'xmlns') innerDefault = stringValue;
      else if (key.startsWith('xmlns:')) {
        if (innerScope === scope) innerScope = new Map(scope);
        (innerScope as Map<string, string>).set(key.slice('xmlns:'.length), stringValue);
      }
    }
  }
  const colon = name.indexOf(':');
  const prefix = colon > 0 ? name.slice(0, colon) : '';
  const local = colon > 0 ? name.slice(colon + 1) : name;
  const ns = prefix === '' ? innerDefault : (innerScope.get(prefix) ?? `${prefix}:`);
  const children: Array<XmlElement | string> = [];
  const rawChildren = node[name];
  if (Array.isArray(rawChildren)) {
    for (const child of rawChildren as unknown[]) {
      if (typeof child !== 'object' || child === null) continue;
      const text = (child as OrderedNode)['#text'];
      if (text !== undefined) children.push(typeof text === 'string' ? text : String(text));
      else {
        const element = toElement(child as OrderedNode, innerScope, innerDefault);
        if (element !== null) children.push(element);
      }
    }
  }
  return { name, local, ns, attrs, children };
}

/** Child elements with this local name (and namespace, when given). */
export function childrenNamed(element: XmlElement, local: string, ns?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement => typeof child !== 'string' && child.local === local && (ns === undefined || child.ns === ns),
  );
}

/** The first child element with this local name (and namespace, when given). */
export function childNamed(element: XmlElement, local: string, ns?: string): XmlElement | undefined {
  return childrenNamed(element, local, ns)[0];
}

/** All text inside an element, in document order, as written (not trimmed). */
export function textContent(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textContent(child))).join('');
}

/** The trimmed text of the first matching child, or undefined when absent or blank. */
export function childText(element: XmlElement, local: string, ns?: string): string | undefined {
  for (const child of childrenNamed(element, local, ns)) {
    const text = textContent(child).trim();
    if (text !== '') return text;
  }
  return undefined;
}

/** An attribute by qualified name (`xml:base`), undefined when absent. */
export function attr(element: XmlElement, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(element.attrs, name) ? element.attrs[name] : undefined;
}

/** Text escaped for use as XML or HTML character data. */
export const escapeText = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escapeAttr = (text: string): string => escapeText(text).replaceAll('"', '&quot;');

/** The element's children serialised back to markup (for Atom `type="xhtml"` content). */
export function innerMarkup(element: XmlElement): string {
  return element.children
    .map((child) => {
      if (typeof child === 'string') return escapeText(child);
      const attrs = Object.entries(child.attrs)
        .filter(([key]) => key !== 'xmlns' && !key.startsWith('xmlns:'))
        .map(([key, value]) => ` ${key}="${escapeAttr(value)}"`)
        .join('');
      return `<${child.local}${attrs}>${innerMarkup(child)}</${child.local}>`;
    })
    .join('');
}
