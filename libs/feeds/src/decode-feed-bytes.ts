import iconv from 'iconv-lite';
import { gunzipSync } from 'node:zlib';
import { FeedParseError } from './feed-parse-error';

/** How far into a document an encoding declaration is looked for (the HTML prescan's limit). */
const PRESCAN_BYTES = 1024;

/**
 * Labels browsers decode as Windows-1252 (WHATWG Encoding): feeds labelled ISO-8859-1 routinely
 * carry Windows-1252 smart quotes and dashes in 0x80–0x9F, which strict Latin-1 turns into controls.
 */
const WINDOWS_1252_LABELS = new Set([
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
  'cp1252',
  'windows-1252',
  'x-cp1252',
]);

/**
 * The text of a fetched feed or page. The encoding is, in order: a byte order mark, the
 * `charset` of the HTTP `Content-Type`, the XML declaration's `encoding`, an HTML
 * `<meta charset>` (or `http-equiv` Content-Type), else UTF-8. A BOM wins over the header, as
 * RFC 7303 and WHATWG Encoding both say. Labels iconv-lite does not know are skipped; bytes
 * invalid in the chosen encoding become U+FFFD. The BOM is not part of the result.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomEncoding(buffer);
  const encoding =
    bom ??
    [charsetFromContentType(contentType), xmlDeclarationEncoding(buffer), htmlMetaCharset(buffer)].find(isKnown) ??
    'utf-8';
  // iconv-lite strips a BOM of the encoding it decodes with.
  return iconv.decode(buffer, encoding).replace(/^\uFEFF/, '');
}

function bomEncoding(buffer: Buffer): string | undefined {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return 'utf-8';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be';
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function isKnown(label: string | undefined): label is string {
  return label !== undefined && iconv.encodingExists(label);
}

function canonical(label: string | undefined): string | undefined {
  const trimmed = label
    ?.trim()
    .replace(/^["']|["']$/g, '')
    .trim()
    .toLowerCase();
  if (trimmed === undefined || trimmed === '') return undefined;
  return WINDOWS_1252_LABELS.has(trimmed) ? 'windows-1252' : trimmed;
}

/** The `charset` parameter of a `Content-Type` header value. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  for (const parameter of contentType.split(';').slice(1)) {
    const equals = parameter.indexOf('=');
    if (equals < 0) continue;
    if (parameter.slice(0, equals).trim().toLowerCase() === 'charset') return canonical(parameter.slice(equals + 1));
  }
  return undefined;
}

/** The `encoding` of an `<?xml …?>` declaration at the start of the document. */
function xmlDeclarationEncoding(buffer: Buffer): string | undefined {
  // Every encoding a declaration can name is ASCII-compatible up to the declaration's end.
  const head = buffer.subarray(0, PRESCAN_BYTES).toString('latin1');
  if (!head.startsWith('<?xml')) return undefined;
  const end = head.indexOf('?>');
  const declaration = end < 0 ? head : head.slice(0, end);
  const match = /\sencoding\s*=\s*(["'])([A-Za-z0-9._:-]+)\1/.exec(declaration);
  return canonical(match?.[2]);
}

/** `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">` near the start of an HTML page. */
function htmlMetaCharset(buffer: Buffer): string | undefined {
  const head = buffer.subarray(0, PRESCAN_BYTES).toString('latin1');
  const match = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return canonical(match?.[1]);
}

/**
 * The bytes gunzipped when they start with the gzip magic number, else as given (servers
 * sometimes send a `.xml.gz` sitemap without `Content-Encoding`). Refuses output beyond
 * `maxBytes`, so a small bomb cannot expand without bound.
 *
 * @throws FeedParseError for corrupt gzip data or output over `maxBytes`.
 */
export function gunzipIfNeeded(bytes: Uint8Array, maxBytes: number): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    const tooLarge = error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new FeedParseError(tooLarge ? `gzip data expands beyond ${maxBytes} bytes` : 'corrupt gzip data', { cause: error });
  }
}
