import { articleIdProblem, articleUrlProblem, normalizeArticleUrl, sanitizeText } from '@chronicle/contracts';
import { unknownFieldSchema } from '@chronicle/platform';
import { z } from 'zod';

/** Outside text, made safe to store (see `sanitizeText`): NFC, no NUL, lone surrogate or stray control. */
const text = z.string().transform(sanitizeText);

/** An article id: surrounding whitespace trimmed, then the strict id grammar (nothing else is changed). */
export const articleIdSchema = z.string().transform((id, ctx) => {
  const trimmed = id.trim();
  const problem = articleIdProblem(trimmed);
  if (problem === null) return trimmed;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  return z.NEVER;
});

/** An article URL: trimmed and NFC, then http(s) only, bounded, no whitespace or controls. */
const articleUrl = z.string().transform((url, ctx) => {
  const normalized = normalizeArticleUrl(url);
  const problem = articleUrlProblem(normalized);
  if (problem === null) return normalized;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  return z.NEVER;
});

/**
 * What any field not in a schema gets: a problem at its own path (`problems: [{path: "__proto__",
 * message: "unknown field"}]`), reported together with every other problem. (Zod never copies a
 * `__proto__` key onto its output, and nothing here merges request objects, so such keys cannot
 * reach a prototype either way.)
 */
const unknownField = unknownFieldSchema;

const articleFields = {
  id: articleIdSchema.optional(),
  url: articleUrl.optional(),
  outlet: text.pipe(z.string().trim().min(1).max(200)).optional(),
  title: text.pipe(z.string().max(1000)),
  body: text.refine((body) => body.trim().length > 0, 'must not be empty'),
  publishedAt: z.string().datetime({ offset: true }).optional(),
  language: text.pipe(z.string().trim().min(2).max(35)).optional(),
};

/** One article as posted to `POST /v1/articles`. */
export const articleSubmissionSchema = z.object(articleFields).catchall(unknownField);

export type ArticleSubmissionDto = z.output<z.ZodObject<typeof articleFields>>;

const articleArraySchema = z.array(articleSubmissionSchema).min(1).max(1000);

/** What `POST /v1/articles` takes, as its documentation shows it: one article, or an array of 1..1000. */
export const articleSubmissionBodySchema = z.union([articleSubmissionSchema, articleArraySchema]);

/**
 * One article or an array of them. Chosen by shape first (not `z.union`), so a 400 names the
 * offending fields instead of a bare "invalid union".
 */
export const articleSubmissionBatchSchema = z.unknown().transform((value, ctx): ArticleSubmissionDto | ArticleSubmissionDto[] => {
  const result = Array.isArray(value) ? articleArraySchema.safeParse(value) : articleSubmissionSchema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue(issue as z.IssueData);
  return z.NEVER;
});

const { id: _id, ...revisionFields } = articleFields;

/** A new version of an article, as sent to `PUT /v1/articles/:id` (the id comes from the path). */
export const articleRevisionSchema = z.object(revisionFields).catchall(unknownField);

export type ArticleRevisionDto = z.output<z.ZodObject<typeof revisionFields>>;

/** Optional body of `DELETE /v1/articles/:id`. */
export const articleRetractionSchema = z
  .object({ reason: text.pipe(z.string().trim().min(1).max(2000)).optional() })
  .catchall(unknownField)
  .optional()
  .transform((value): { reason?: string } => (value?.reason === undefined ? {} : { reason: value.reason }));

export type ArticleRetractionDto = z.output<typeof articleRetractionSchema>;

/**
 * Article ids in paths: the same grammar as ids given in a submission. A problem is reported at
 * path `id` (not the root), so the 400 names the parameter.
 */
export const articleIdParamSchema = z.unknown().transform((value, ctx): string => {
  const result = articleIdSchema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ ...(issue as z.IssueData), path: ['id', ...issue.path] });
  return z.NEVER;
});
