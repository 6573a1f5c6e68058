import { z } from 'zod';

const instant = z.string().datetime();

const deliverySchema = z.object({
  status: z.enum(['pending', 'delivered', 'failed', 'cancelled']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: instant.nullable(),
  deliveredAt: instant.nullable(),
});

/** An alert with its delivery state and the cluster of its statement, as lists and the live stream carry it. */
export const alertViewSchema = z.object({
  id: z.string(),
  /** Position in the live stream (the SSE event id). */
  seq: z.string().regex(/^\d+$/),
  subscriptionId: z.string().uuid(),
  actor: z.object({ id: z.string(), name: z.string() }),
  statement: z.object({ id: z.string(), kind: z.string(), text: z.string() }),
  article: z.object({ id: z.string(), url: z.string().nullable(), outlet: z.string().nullable() }),
  raisedAt: instant,
  delivery: deliverySchema,
  /** "First said in X, carried by N outlets." */
  cluster: z.object({
    id: z.string(),
    firstSeenAt: instant.nullable(),
    firstSaidAt: instant.nullable(),
    firstOutlet: z.string().nullable(),
    firstArticleUrl: z.string().nullable(),
    outletCount: z.number().int(),
    articleCount: z.number().int(),
    outlets: z.array(z.string()),
  }),
});
export type AlertView = z.infer<typeof alertViewSchema>;

export const alertListSchema = z.object({ alerts: z.array(alertViewSchema) });

/**
 * One alert as `GET /v1/alerts/:id` shows it: its delivery record as the alerts table keeps it
 * (status, attempts so far, the last error, the next attempt while pending, when it was raised and
 * when it was delivered).
 */
export const alertDetailSchema = alertViewSchema.extend({
  delivery: deliverySchema.extend({ createdAt: instant }),
});
export type AlertDetail = z.infer<typeof alertDetailSchema>;
