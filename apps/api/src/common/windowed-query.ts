import { z, ZodRawShape } from 'zod';
import { TimeWindow, timeWindowQuery } from './time-window';

/**
 * A query object with `shape`'s fields and a validated `from`/`to` window
 * ({@link timeWindowQuery}), as one `z.object()` the OpenAPI decorators can list field by field.
 */
export function windowedQuery<T extends ZodRawShape>(shape: T, options: { defaultSpanDays: number; maxSpanDays: number }) {
  const window = timeWindowQuery(options);
  return z
    .object(shape)
    .merge(window._def.schema)
    .transform((value, ctx) => {
      // The fields are already normalised instants, which the window reads again unchanged.
      const parsed = window.safeParse({ from: value.from, to: value.to });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue(issue);
        return z.NEVER;
      }
      return { ...value, ...parsed.data } as Omit<typeof value, 'from' | 'to'> & TimeWindow;
    });
}
