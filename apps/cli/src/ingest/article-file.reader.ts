import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';

/** Plain text: the first non-empty line is the title, the rest the body. */
export function parseArticleText(text: string): { title: string; body: string } {
  const trimmed = text.replace(/^\s+/, '');
  const newline = trimmed.indexOf('\n');
  if (newline < 0) return { title: '', body: trimmed };
  return { title: trimmed.slice(0, newline).trim(), body: trimmed.slice(newline + 1) };
}

/** Reads a JSON (object or array), NDJSON or plain-text file into article objects. */
export async function readArticleFile(path: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(path, 'utf8');
  const extension = extname(path).toLowerCase();
  if (extension === '.ndjson' || extension === '.jsonl') {
    return text
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line, i) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          throw new Error(`${path}:${i + 1}: not valid JSON`);
        }
      });
  }
  if (extension === '.json') {
    const parsed = JSON.parse(text) as unknown;
    return (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>;
  }
  return [{ id: basename(path, extension), ...parseArticleText(text) }];
}
