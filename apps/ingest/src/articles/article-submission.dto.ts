import { z } from 'zod';

/** One article as posted to `POST /v1/articles`. */
export const articleSubmissionSchema = z
  .object({
    id: z.string().trim().min(1).max(200).optional(),
    url: z.string().url().max(2000).optional(),
    outlet: z.string().trim().min(1).max(200).optional(),
    title: z.string().max(1000),
    body: z.string().refine((body) => body.trim().length > 0, 'must not be empty'),
    publishedAt: z.string().datetime({ offset: true }).optional(),
    language: z.string().min(2).max(35).optional(),
  })
  .strict();

const articleArraySchema = z.array(articleSubmissionSchema).min(1).max(1000);

/**
 * One article or an array of them. Chosen by shape first (not `z.union`), so a 400 names the
 * offending fields instead of a bare "invalid union".
 */
export const articleSubmissionBatchSchema = z.unknown().transform((value, ctx) => {
  const result = Array.isArray(value) ? articleArraySchema.safeParse(value) : articleSubmissionSchema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue(issue as z.IssueData);
  return z.NEVER;
});

export type ArticleSubmissionDto = z.infer<typeof articleSubmissionSchema>;

/** A new version of an article, as sent to `PUT /v1/articles/:id` (the id comes from the path). */
export const articleRevisionSchema = articleSubmissionSchema.omit({ id: true });

export type ArticleRevisionDto = z.infer<typeof articleRevisionSchema>;

/** Optional body of `DELETE /v1/articles/:id`. */
export const articleRetractionSchema = z
  .object({ reason: z.string().trim().min(1).max(2000).optional() })
  .strict()
  .optional()
  .transform((value) => value ?? {});

export type ArticleRetractionDto = z.infer<typeof articleRetractionSchema>;

/** Article ids in paths: the same bounds as ids given in a submission. */
export const articleIdParamSchema = z.string().trim().min(1).max(200);
