import { z } from 'zod';

/**
 * Schemas for values the API takes from requests (query strings, paths, bodies). Each one turns
 * every value Postgres would refuse, and so answer with a 500, into a 400 that names the
 * parameter: numbers beyond what LIMIT/OFFSET take, instants outside what a timestamptz holds
 * or reads, text with NUL characters or lone surrogates.
 */

/** Largest `offset` a list takes: past any real row count, well inside OFFSET's bigint and exact in a double. */
export const MAX_OFFSET = 2_147_483_647;

/** A whole number in decimal digits: "10", not "1e1", "0x10", "10.0", "+10" or "". */
function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, 'must be a whole number written in digits')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

/** `limit`: page size, 1..max, `fallback` when absent. */
export function pageLimit(fallback: number, max = 500) {
  return wholeNumber(1, max)
    .optional()
    .transform((value) => value ?? fallback)
    .describe(`Page size, 1..${max} (default ${fallback})`);
}

/** `offset`: rows to skip, 0..{@link MAX_OFFSET}, 0 when absent. */
export const pageOffset = wholeNumber(0, MAX_OFFSET)
  .optional()
  .transform((value) => value ?? 0)
  .describe('Rows to skip (default 0)');

/** A UTF-16 surrogate without its other half: no Unicode character, so it has no UTF-8 form. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text Postgres can store: it refuses NUL characters, and a lone surrogate fails a jsonb cast
 * (and is silently replaced in a text column), so either would otherwise fail the query or corrupt the value.
 */
export function storableText(schema: z.ZodString) {
  return schema
    .refine((value) => !value.includes('\0'), 'must not contain NUL characters')
    .refine((value) => !LONE_SURROGATE.test(value), 'must be well-formed Unicode (a lone surrogate is not)');
}

/** Path parameters of routes keyed by an id (`/v1/actors/:id`, `/v1/articles/:id`). */
export const idParams = z.object({ id: storableText(z.string().min(1)) });

// Calendar validity (month lengths, leap days) is zod's `datetime()`; this reads the fields back.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const END = Date.parse('+010000-01-01T00:00:00Z');

/**
 * An instant given as ISO 8601 with a time zone (`2026-05-17T09:30:00Z`, `…+02:00`), between
 * years 1 and 9999 in UTC. Comes out as UTC ISO 8601 (fraction kept to the microsecond, what a
 * timestamptz holds), a form Postgres always reads: it refuses year 0 and offsets past ±15:59,
 * which the ISO form allows.
 */
export const instant = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-05-17T09:30:00Z' })
  .transform((value, ctx) => {
    const [, dateHourMinute, second = '00', fraction = '', sign, offsetHours = '00', offsetMinutes = '00'] =
      DATE_TIME.exec(value)!;
    if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'has a time zone offset beyond ±23:59' });
      return z.NEVER;
    }
    const offsetMs = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
    const utc = Date.parse(`${dateHourMinute}:${second}Z`) - offsetMs;
    if (!(utc >= EARLIEST && utc < END)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be between years 1 and 9999 (UTC)' });
      return z.NEVER;
    }
    const micros = fraction.slice(0, 6);
    return `${new Date(utc).toISOString().slice(0, 19)}${micros ? `.${micros}` : ''}Z`;
  });
