import { z } from 'zod/v4';
import { articleSubmittedV1Schema } from './article-submitted.event';

export const ARTICLE_REVISED = 'ArticleRevised' as const;

/**
 * A new version of an article (`PUT /v1/articles/:id`): the same shape as a submission, with
 * the new title/body. Keyed by article id, so it follows the article's earlier events in order.
 */
export const articleRevisedV1Schema = articleSubmittedV1Schema;

export type ArticleRevisedData = z.infer<typeof articleRevisedV1Schema>;
