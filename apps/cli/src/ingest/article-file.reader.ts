import { articleIdFromName, sanitizeText } from '@chronicle/contracts';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';

/** The fields of an article that are free text, sanitised before posting as ingest would. */
const TEXT_FIELDS = ['title', 'body', 'outlet', 'language'] as const;

/** Plain text: the first non-empty line is the title, the rest the body (sanitised: LF line ends, NFC, no controls). */
export function parseArticleText(text: string): { title: string; body: string } {
  const trimmed = sanitizeText(text).replace(/^\s+/, '');
  const newline = trimmed.indexOf('\n');
  if (newline < 0) return { title: '', body: trimmed };
  return { title: trimmed.slice(0, newline).trim(), body: trimmed.slice(newline + 1) };
}

/**
 * An article read from a file, with its text fields run through `sanitizeText` (ids and URLs are
 * left as given: ingest checks them and names any problem). Anything that is not an object is
 * passed on unchanged for ingest to refuse.
 */
export function sanitizeArticleFields(article: unknown): unknown {
  if (typeof article !== 'object' || article === null || Array.isArray(article)) return article;
  const clean: Record<string, unknown> = { ...(article as Record<string, unknown>) };
  for (const field of TEXT_FIELDS) {
    const value = clean[field];
    if (typeof value === 'string') clean[field] = sanitizeText(value);
  }
  return clean;
}

/**
 * Splits articles into the requests to post: at most `maxCount` each (ingest takes up to 1000
 * at once) and about `maxBytes` of JSON (an article larger than that goes alone, and ingest
 * answers 413 if it is over its limit), so one large file does not fail as a whole.
 */
export function chunkArticles<T>(articles: readonly T[], limits: { maxCount: number; maxBytes: number }): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const article of articles) {
    const size = Buffer.byteLength(JSON.stringify(article) ?? '', 'utf8') + 1;
    if (current.length > 0 && (current.length >= limits.maxCount || bytes + size > limits.maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(article);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Reads a JSON (object or array), NDJSON or plain-text file into article objects, text fields sanitised. */
export async function readArticleFile(path: string): Promise<unknown[]> {
  // A byte-order mark (common in files saved on Windows) is not JSON.
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const extension = extname(path).toLowerCase();
  if (extension === '.ndjson' || extension === '.jsonl') {
    return text
      .split('\n')
      .map((line, i) => ({ line, number: i + 1 }))
      .filter(({ line }) => line.trim().length > 0)
      .map(({ line, number }) => {
        try {
          return sanitizeArticleFields(JSON.parse(line));
        } catch {
          throw new Error(`${path}:${number}: not valid JSON`);
        }
      });
  }
  if (extension === '.json') {
    const parsed = JSON.parse(text) as unknown;
    return (Array.isArray(parsed) ? parsed : [parsed]).map(sanitizeArticleFields);
  }
  const id = articleIdFromName(basename(path, extension));
  return [{ ...(id === null ? {} : { id }), ...parseArticleText(text) }];
}
