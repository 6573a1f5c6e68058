import { DEAD_LETTER_HEADERS } from '../dead-letter';
import { decodeEvent, EventDecodeError } from '../event-decoder';
import { articleIdProblem } from './article-id';
import { normalizeCorrelationId } from './correlation-id';
import { sanitizeText } from './sanitize-text';

/** A message as taken off the dead-letter topic: the original key, bytes and headers. */
export interface DeadLetteredMessage {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** The outcome of {@link repairDeadLetter}. */
export type DeadLetterRepair =
  | {
      repaired: true;
      key: string | null;
      value: Buffer;
      headers: Record<string, string>;
      /** What was changed, by JSON path (empty when the message needed nothing). */
      changes: string[];
    }
  | { repaired: false; reason: string };

const DEAD_LETTER_HEADER_PREFIX = 'x-dlq-';
const DEAD_LETTER_HEADER_NAMES = new Set<string>(Object.values(DEAD_LETTER_HEADERS));
const CORRELATION_HEADER = 'correlation-id';
// Keys that would reach an object's prototype if someone assigned them; no event field has them.
const FORBIDDEN_KEYS = new Set(['__proto__']);

/**
 * Repairs a dead-lettered event so it can be re-driven: decodes the JSON envelope, runs every
 * string (keys included) through {@link sanitizeText}, checks the article id against the id
 * grammar (surrounding whitespace trimmed; an id that still does not fit cannot be repaired,
 * since changing it would make it another article), replaces an empty, over-long or
 * non-printable correlation id with `newId()` (header and envelope alike), drops `__proto__`
 * keys and the `x-dlq-*` headers, and accepts the result only if it decodes as a valid event.
 * Pure: the id generator is an argument.
 */
export function repairDeadLetter(message: DeadLetteredMessage, newId: () => string): DeadLetterRepair {
  if (message.value === null || message.value.length === 0) return { repaired: false, reason: 'empty message value' };
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return { repaired: false, reason: `value is not JSON: ${printable((error as Error).message)}` };
  }
  if (!isRecord(json)) return { repaired: false, reason: 'value is not a JSON object' };

  const changes: string[] = [];
  let envelope: Record<string, unknown>;
  try {
    envelope = sanitizeJson(json, '', changes) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof RangeError) return { repaired: false, reason: 'value nests too deeply' };
    throw error;
  }

  const data = envelope.data;
  const originalArticleId = isRecord(json.data) && typeof json.data.articleId === 'string' ? json.data.articleId : null;
  if (isRecord(data) && typeof data.articleId === 'string') {
    const trimmed = data.articleId.trim();
    const problem = articleIdProblem(trimmed);
    if (problem) return { repaired: false, reason: `data.articleId: ${problem}` };
    if (trimmed !== data.articleId) changes.push('data.articleId');
    data.articleId = trimmed;
  }

  const metadata = isRecord(envelope.metadata) ? envelope.metadata : {};
  if (!isRecord(envelope.metadata)) {
    changes.push('metadata');
    metadata.causationId = null;
  }
  const given = typeof metadata.correlationId === 'string' ? metadata.correlationId : undefined;
  metadata.correlationId = normalizeCorrelationId(given, newId);
  if (metadata.correlationId !== given) changes.push('metadata.correlationId');
  envelope.metadata = metadata;

  const value = Buffer.from(JSON.stringify(envelope), 'utf8');
  try {
    decodeEvent(value);
  } catch (error) {
    if (error instanceof EventDecodeError) return { repaired: false, reason: printable(error.reason) };
    throw error;
  }

  const headers: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(message.headers)) {
    if (name.startsWith(DEAD_LETTER_HEADER_PREFIX) || DEAD_LETTER_HEADER_NAMES.has(name) || FORBIDDEN_KEYS.has(name)) continue;
    headers[name] = sanitizeText(headerValue);
  }
  headers[CORRELATION_HEADER] = metadata.correlationId as string;

  const articleId = isRecord(data) && typeof data.articleId === 'string' ? data.articleId : null;
  // Events are keyed by article id: a key that was the id follows it.
  const key =
    message.key === null ? null : message.key === originalArticleId && articleId !== null ? articleId : sanitizeText(message.key);
  if (key !== message.key) changes.push('(key)');
  return { repaired: true, key, value, headers, changes };
}

/** A reason fit for a terminal: the parser quotes the input, which may hold escape sequences. */
function printable(text: string): string {
  const line = sanitizeText(text).replace(/\s+/g, ' ');
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A sanitised deep copy of parsed JSON; records the path of every string or key it changed. */
function sanitizeJson(value: unknown, path: string, changes: string[]): unknown {
  if (typeof value === 'string') {
    const clean = sanitizeText(value);
    if (clean !== value) changes.push(path || '(root)');
    return clean;
  }
  if (Array.isArray(value)) return value.map((item, index) => sanitizeJson(item, `${path}[${index}]`, changes));
  if (!isRecord(value)) return value;
  const entries: Array<[string, unknown]> = [];
  for (const [rawKey, item] of Object.entries(value)) {
    const key = sanitizeText(rawKey);
    const itemPath = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) {
      changes.push(`${itemPath} (removed)`);
      continue;
    }
    if (key !== rawKey) changes.push(`${itemPath} (key)`);
    entries.push([key, sanitizeJson(item, itemPath, changes)]);
  }
  // fromEntries defines own properties, so no key can reach a prototype.
  return Object.fromEntries(entries);
}
