import { z } from 'zod';

/** An outlet with how much it published and how many actors it covered. */
export const outletViewSchema = z.object({
  outlet: z.string(),
  articleCount: z.number().int(),
  actorCount: z.number().int(),
  firstSeen: z.string().datetime().nullable(),
  lastSeen: z.string().datetime().nullable(),
});
export type OutletView = z.infer<typeof outletViewSchema>;

export const outletListSchema = z.object({
  outlets: z.array(outletViewSchema),
  /** Where the next page starts (`?cursor=`); null after the last page. */
  nextCursor: z.string().nullable(),
});
