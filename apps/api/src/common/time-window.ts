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
  const { defaultSpanDays, maxSpanDays } = options;
  return z
    .object({
      from: instant.optional().describe(`Start of the window (inclusive; default ${defaultSpanDays} days before \`to\`)`),
      to: instant.optional().describe('End of the window (exclusive; default now)'),
    })
    .transform((value, ctx): TimeWindow => {
      const toMs = value.to ? Date.parse(value.to) : Date.now();
      const fromMs = value.from ? Date.parse(value.from) : toMs - defaultSpanDays * DAY_MS;
      if (fromMs >= toMs) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['from'], message: 'must be before `to`' });
        return z.NEVER;
      }
      if (toMs - fromMs > maxSpanDays * DAY_MS) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['to'],
          message: `the window from \`from\` to \`to\` must span at most ${maxSpanDays} days`,
        });
        return z.NEVER;
      }
      return {
        from: value.from ?? new Date(fromMs).toISOString(),
        to: value.to ?? new Date(toMs).toISOString(),
      };
    });
}
