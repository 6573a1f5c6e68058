import { z } from 'zod';

/**
 * Opaque keyset cursors for list endpoints: the sort key of the last row of a page, as
 * base64url JSON. The next page is read with `WHERE (key…) < (cursor…)` on an index, never
 * with OFFSET. A cursor that does not decode to the endpoint's key shape is a 400 on `cursor`.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The `cursor` query field of an endpoint whose sort key has the shape `key`. */
export function cursorParam<T extends z.ZodTypeAny>(key: T) {
  return z
    .string()
    .max(1024, 'must be a cursor from a previous page')
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor from a previous page')
    .transform((value, ctx): z.infer<T> => {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      const parsed = key.safeParse(decoded);
      if (!parsed.success) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a cursor from a previous page' });
        return z.NEVER;
      }
      return parsed.data as z.infer<T>;
    })
    .describe('Where the page starts: `nextCursor` of the previous page');
}
