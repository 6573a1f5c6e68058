import { z } from 'zod';
import { actorRefSchema, windowSchema } from '../actors/actor.view';

/** One actor's mentions and mean sentiment in the window and in the window before it. */
export const actorTrendSchema = z.object({
  actor: actorRefSchema,
  mentions: z.number().int(),
  previousMentions: z.number().int(),
  /** mentions − previousMentions: what the list is ordered by (largest magnitude first). */
  mentionChange: z.number().int(),
  /** Mean sentiment toward the actor per article in the window (−1..1), null without articles. */
  meanScore: z.number().nullable(),
  previousMeanScore: z.number().nullable(),
  /** meanScore − previousMeanScore, null when either is. */
  sentimentChange: z.number().nullable(),
});

export const trendsSchema = z.object({
  window: windowSchema,
  previousWindow: windowSchema,
  granularity: z.enum(['hour', 'day']),
  actors: z.array(actorTrendSchema),
});
