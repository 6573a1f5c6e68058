import { z } from 'zod';
import { stanceViewSchema, statementViewSchema } from '../actors/actor.view';

const instant = z.string().datetime();
const sentiment = z.object({ score: z.number().min(-1).max(1), label: z.enum(['negative', 'neutral', 'positive']) });

/** An article with the actors it mentions, the statements extracted from it and its stances. */
export const articleViewSchema = z.object({
  id: z.string(),
  url: z.string().nullable(),
  outlet: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  publishedAt: instant.nullable(),
  receivedAt: instant,
  status: z.enum(['live', 'revised', 'retracted']),
  analyzerVersion: z.string().nullable(),
  analyzedAt: instant.nullable(),
  actors: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      role: z.string().nullable(),
      mentions: z.number().int(),
      sentiment,
    }),
  ),
  statements: z.array(statementViewSchema),
  stances: z.array(stanceViewSchema),
});
export type ArticleView = z.infer<typeof articleViewSchema>;
