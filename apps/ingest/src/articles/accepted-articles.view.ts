import { z } from 'zod';

/** What ingest answers once the events are durably on the articles topic: the article ids, in request order. */
export const acceptedArticlesSchema = z.object({ ids: z.array(z.string()) });
export type AcceptedArticles = z.infer<typeof acceptedArticlesSchema>;
