import { z } from 'zod/v4';

export const ARTICLE_SUBMITTED = 'ArticleSubmitted' as const;

export const articleSubmittedV1Schema = z.object({
  articleId: z.string().min(1),
  url: z.string().url().nullable(),
  outlet: z.string().min(1).nullable(),
  title: z.string(),
  body: z.string().min(1),
  publishedAt: z.string().datetime({ offset: true }).nullable(),
  language: z.string().min(2).nullable(),
  receivedAt: z.string().datetime({ offset: true }),
});

export type ArticleSubmittedData = z.infer<typeof articleSubmittedV1Schema>;
