import { z } from 'zod/v4';

export const ARTICLE_RETRACTED = 'ArticleRetracted' as const;

/** The article was withdrawn (`DELETE /v1/articles/:id`): its contribution leaves every read model. */
export const articleRetractedV1Schema = z.object({
  articleId: z.string().min(1),
  reason: z.string().max(2000).optional(),
  retractedAt: z.string().datetime({ offset: true }),
});

export type ArticleRetractedData = z.infer<typeof articleRetractedV1Schema>;
