import { z } from 'zod';
import { encodeCursor } from './keyset-cursor';
import { pageOffset, storableText } from './request-values';

/** `offset` as the client sent it (undefined when absent), for lists that also take a `cursor`. */
export const sentOffset = pageOffset._def.schema.describe('Rows to skip (default 0); not together with `cursor`');

/** `offset` and `cursor` are two ways to say where a page starts: a 400 on `cursor` when both are given. */
export function oneStart(value: { offset?: number; cursor?: unknown }, ctx: z.RefinementCtx): void {
  if (value.offset !== undefined && value.cursor !== undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['cursor'], message: 'give either `offset` or `cursor`, not both' });
  }
}

/** A sort key (count, then a name or id) as a cursor holds it. */
export const countAndKey = z.tuple([z.number().int().min(0).max(2_147_483_647), storableText(z.string().min(1).max(512))]);

/** The cursor of the page after `rows` (the key of its last row) when the page was full, else null. */
export function nextCursor<T>(rows: readonly T[], limit: number, key: (last: T) => [number, string]): string | null {
  return rows.length === limit && rows.length > 0 ? encodeCursor(key(rows[rows.length - 1]!)) : null;
}
