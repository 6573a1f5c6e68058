import { convert } from 'html-to-text';

export interface AnalysisInput {
  id: string;
  title?: string;
  body: string;
  targets?: Array<{ start: number; end: number }>;
}

/** A line or file that cannot be analysed; printed as a per-line error, the stream goes on. */
export class AnalysisInputError extends Error {}

const HTML_PATTERN = /<(html|body|p|div|article|span|br|h[1-6]|a\s)[\s>/]/i;

/**
 * Checks one input before analysis: size limit, empty and binary text are refused with a
 * reason; HTML is reduced to its text first (offsets then refer to that text).
 */
export function prepareInput(raw: unknown, maxBytes: number): { input: AnalysisInput; htmlConverted: boolean } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new AnalysisInputError('input must be a JSON object');
  const candidate = raw as Record<string, unknown>;
  if (typeof candidate.body !== 'string') throw new AnalysisInputError('"body" must be a string');
  const id = candidate.id === undefined ? '' : String(candidate.id);
  if (Buffer.byteLength(candidate.body, 'utf8') > maxBytes) {
    throw new AnalysisInputError(`body is larger than the limit of ${maxBytes} bytes`);
  }
  if (candidate.body.trim().length === 0) throw new AnalysisInputError('body is empty');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(candidate.body)) throw new AnalysisInputError('body looks binary (control or replacement characters)');
  const htmlConverted = HTML_PATTERN.test(candidate.body);
  const body = htmlConverted ? convert(candidate.body, { wordwrap: false }) : candidate.body;
  const targets = Array.isArray(candidate.targets)
    ? candidate.targets.map((t, i) => {
        const { start, end } = (t ?? {}) as { start?: unknown; end?: unknown };
        if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) > body.length || (start as number) >= (end as number)) {
          throw new AnalysisInputError(`targets[${i}] must have integer start < end within the body`);
        }
        return { start: start as number, end: end as number };
      })
    : undefined;
  return {
    input: { id, title: typeof candidate.title === 'string' ? candidate.title : undefined, body, targets },
    htmlConverted,
  };
}
