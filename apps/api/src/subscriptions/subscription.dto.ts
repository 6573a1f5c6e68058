import { z } from 'zod';

export const createSubscriptionSchema = z
  .object({
    actors: z.array(z.string().trim().min(1).max(200)).min(1).max(100),
    webhookUrl: z
      .string()
      .url()
      .refine((url) => /^https?:\/\//i.test(url), 'must be an http or https URL'),
    kinds: z.array(z.enum(['direct', 'indirect'])).min(1).default(['direct']),
    secret: z.string().min(16).max(200).optional(),
  })
  .strict();

export type CreateSubscriptionDto = z.infer<typeof createSubscriptionSchema>;
