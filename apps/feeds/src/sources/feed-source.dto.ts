import { articleUrlProblem, normalizeArticleUrl, sanitizeText } from '@chronicle/contracts';
import { unknownFieldSchema } from '@chronicle/platform';
import { z } from 'zod';

/** Longest interval a source may be given: a week. */
export const MAX_INTERVAL_SECONDS = 7 * 24 * 3600;

/** A feed URL: trimmed and NFC, then http(s) only, bounded, no whitespace or controls (the article URL grammar). */
export const feedUrlSchema = z.string().transform((url, ctx) => {
  const normalized = normalizeArticleUrl(url);
  const problem = articleUrlProblem(normalized);
  if (problem === null) return normalized;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  return z.NEVER;
});

const outlet = z.string().transform(sanitizeText).pipe(z.string().trim().min(1).max(200));
const intervalSeconds = z.number().int().min(1).max(MAX_INTERVAL_SECONDS);

/** `POST /v1/feeds`: a source to poll. The interval seeds the adaptive schedule (default `FEEDS_MIN_INTERVAL_SECONDS`). */
export const createFeedSourceSchema = z
  .object({ url: feedUrlSchema, outlet: outlet.optional(), intervalSeconds: intervalSeconds.optional() })
  .catchall(unknownFieldSchema);
export type CreateFeedSourceDto = z.output<typeof createFeedSourceSchema>;

/** `PATCH /v1/feeds/:id`: `outlet: null` files articles under the feed's site host again; `paused` stops or resumes polling. */
export const updateFeedSourceSchema = z
  .object({ outlet: outlet.nullable().optional(), intervalSeconds: intervalSeconds.optional(), paused: z.boolean().optional() })
  .catchall(unknownFieldSchema);
export type UpdateFeedSourceDto = z.output<typeof updateFeedSourceSchema>;

/** `/v1/feeds/:id` */
export const feedSourceIdParams = z.object({ id: z.string().uuid() });

const instant = z.string().datetime();

/** A source as the API answers it. */
export const feedSourceViewSchema = z.object({
  id: z.string().uuid(),
  url: z.string(),
  outlet: z.string().nullable(),
  intervalSeconds: z.number().int(),
  status: z.enum(['active', 'failing', 'deferred', 'paused']),
  nextPollAt: instant,
  lastPolledAt: instant.nullable(),
  lastNewEntryAt: instant.nullable(),
  entriesSeen: z.number().int(),
  consecutiveFailures: z.number().int(),
  lastError: z.string().nullable(),
  entryProblems: z.number().int(),
  lastEntryProblem: z.string().nullable(),
  createdAt: instant,
});
export type FeedSourceView = z.infer<typeof feedSourceViewSchema>;

export const feedSourceListSchema = z.object({ feeds: z.array(feedSourceViewSchema) });

/** Largest OPML document `POST /v1/feeds/import` takes: thousands of outlines. */
export const MAX_OPML_BYTES = 4 * 1024 * 1024;

/** `POST /v1/feeds/import`: an OPML subscription list (what feed readers export), as text. */
export const importFeedSourcesSchema = z
  .object({ opml: z.string().min(1).max(MAX_OPML_BYTES), intervalSeconds: intervalSeconds.optional() })
  .catchall(unknownFieldSchema);
export type ImportFeedSourcesDto = z.output<typeof importFeedSourcesSchema>;

/** What an import did with each distinct feed URL of the list. */
export const feedImportReportSchema = z.object({
  added: z.array(z.object({ id: z.string().uuid(), url: z.string(), outlet: z.string().nullable() })),
  alreadyPresent: z.array(z.string()),
  refused: z.array(z.object({ url: z.string(), reason: z.string() })),
});

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * An interval as people write it (`90`, `90s`, `5m`, `1h`, `1d`, `1h30m`) in whole seconds, or null
 * when it is not one or is outside 1 s .. a week.
 */
export function parseIntervalSeconds(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (/^\d{1,7}$/.test(trimmed)) return within(Number(trimmed));
  if (!/^(\d{1,7}[smhd])+$/.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhd])/g)) total += Number(amount) * UNITS[unit!]!;
  return within(total);
}

function within(seconds: number): number | null {
  return seconds >= 1 && seconds <= MAX_INTERVAL_SECONDS ? seconds : null;
}
