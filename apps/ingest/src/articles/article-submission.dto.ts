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

export const articleSubmissionBatchSchema = z.union([articleSubmissionSchema, z.array(articleSubmissionSchema).min(1).max(1000)]);

export type ArticleSubmissionDto = z.infer<typeof articleSubmissionSchema>;
