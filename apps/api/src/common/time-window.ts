import { z } from 'zod';
import { instant } from './request-values';

const DAY_MS = 86_400_000;

/** A validated `from`/`to` pair: UTC ISO instants, `from` strictly before `to`. */
export interface TimeWindow {
  from: string;
  to: string;
}

/**
 * Query fields `from` and `to` for endpoints that read a time window. Either may be left out:
 * `to` defaults to now and `from` to `defaultSpanDays` before `to`. The window must run forwards
 * and span at most `maxSpanDays`; each problem is a 400 that names the parameter.
 */
export function timeWindowQuery(options: { defaultSpanDays: number; maxSpanDays: number }) {
  const { defaultSpanDays } = options;
  return z
    .object({
      from: instant.optional().describe(`Start of the window (inclusive; default ${defaultSpanDays} days before \`to\`)`),
      to: instant.optional().describe('End of the window (exclusive; default now)'),
    })
    .transform((value, ctx): TimeWindow => resolveWindow(value, ctx, options));
}

/**
 * Query fields `from` and `to` for endpoints where the window is optional: spread them into the
 * endpoint's `z.object()` and resolve them with {@link resolveOptionalTimeWindow} in its transform.
 */
export function optionalTimeWindowFields(maxSpanDays: number) {
  return {
    from: instant.optional().describe(`Start of the window (inclusive); with neither \`from\` nor \`to\`, all time`),
    to: instant
      .optional()
      .describe(`End of the window (exclusive; default now when \`from\` is given); at most ${maxSpanDays} days`),
  };
}

/**
 * No window (null) when neither `from` nor `to` is given; otherwise the window as
 * {@link timeWindowQuery} makes it, a missing end defaulting to now and a missing start to
 * `maxSpanDays` before the end. Problems are added to `ctx` naming the parameter; then `z.NEVER`.
 */
export function resolveOptionalTimeWindow(
  value: { from?: string; to?: string },
  ctx: z.RefinementCtx,
  options: { maxSpanDays: number },
): TimeWindow | null {
  if (value.from === undefined && value.to === undefined) return null;
  // With `to` left out (now), a span too long is the fault of the `from` that was sent.
  return resolveWindow(value, ctx, {
    defaultSpanDays: options.maxSpanDays,
    maxSpanDays: options.maxSpanDays,
    spanTooLong: value.to === undefined ? 'from' : 'to',
  });
}

function resolveWindow(
  value: { from?: string; to?: string },
  ctx: z.RefinementCtx,
  options: { defaultSpanDays: number; maxSpanDays: number; spanTooLong?: 'from' | 'to' },
): TimeWindow {
  const { defaultSpanDays, maxSpanDays, spanTooLong = 'to' } = options;
  const toMs = value.to ? Date.parse(value.to) : Date.now();
  const fromMs = value.from ? Date.parse(value.from) : toMs - defaultSpanDays * DAY_MS;
  if (fromMs >= toMs) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['from'], message: 'must be before `to`' });
    return z.NEVER;
  }
  if (toMs - fromMs > maxSpanDays * DAY_MS) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: [spanTooLong],
      message: `the window from \`from\` to \`to\` must span at most ${maxSpanDays} days`,
    });
    return z.NEVER;
  }
  return {
    from: value.from ?? new Date(fromMs).toISOString(),
    to: value.to ?? new Date(toMs).toISOString(),
  };
}
