import { z } from 'zod';

const instant = z.string().datetime();
const score = z.number().min(-1).max(1);

/** A subscription as the API answers it: what to match, and where alerts go. Its secret is never shown again after it is set. */
export const subscriptionViewSchema = z.object({
  id: z.string().uuid(),
  actors: z.array(z.string()),
  kinds: z.array(z.enum(['direct', 'indirect'])),
  query: z.string().optional(),
  words: z.array(z.string()).optional(),
  outlets: z.object({ include: z.array(z.string()).optional(), exclude: z.array(z.string()).optional() }).optional(),
  sentiment: z
    .object({
      labels: z.array(z.enum(['negative', 'neutral', 'positive'])).optional(),
      below: score.optional(),
      above: score.optional(),
      toward: z.object({ actor: z.string(), below: score.optional(), above: score.optional() }).optional(),
    })
    .optional(),
  channel: z.enum(['webhook', 'stream']),
  webhookUrl: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant.nullable(),
});
export type SubscriptionView = z.infer<typeof subscriptionViewSchema>;

/** A new subscription, with the signing secret: the one time it is shown. */
export const createdSubscriptionSchema = subscriptionViewSchema.extend({ secret: z.string() });

export const subscriptionListSchema = z.object({ subscriptions: z.array(subscriptionViewSchema) });

/** A rotated secret: the new one (shown once) and until when the replaced one still signs. */
export const rotatedSecretSchema = z.object({ id: z.string().uuid(), secret: z.string(), previousSecretExpiresAt: instant });

/** `/v1/subscriptions/:id` */
export const subscriptionIdParams = z.object({ id: z.string().uuid() });
