import { compileTextConditions, TextQuerySyntaxError } from '@chronicle/domain';
import { z } from 'zod';
import { storableText } from '../common/request-values';
import { webhookSecretProblem } from './webhook-secret';

const name = storableText(z.string().trim().min(1).max(200));
const score = z.number().min(-1).max(1);
const bounds = { below: score.optional(), above: score.optional() };

function checkBounds(value: { below?: number; above?: number }, ctx: z.RefinementCtx): void {
  if (value.below !== undefined && value.above !== undefined && value.above >= value.below) {
    ctx.addIssue({ code: 'custom', path: ['above'], message: 'must be less than "below" (no score is above and below it)' });
  }
}

const sentimentSchema = z
  .object({
    labels: z
      .array(z.enum(['negative', 'neutral', 'positive']))
      .min(1)
      .optional(),
    ...bounds,
    toward: z
      .object({ actor: name, ...bounds })
      .strict()
      .superRefine((toward, ctx) => {
        if (toward.below === undefined && toward.above === undefined)
          ctx.addIssue({ code: 'custom', message: 'give "below" and/or "above"' });
        checkBounds(toward, ctx);
      })
      .optional(),
  })
  .strict()
  .superRefine((sentiment, ctx) => {
    if (!sentiment.labels && sentiment.below === undefined && sentiment.above === undefined && !sentiment.toward) {
      ctx.addIssue({ code: 'custom', message: 'give at least one of "labels", "below", "above", "toward"' });
    }
    checkBounds(sentiment, ctx);
  });

/** Every field of a subscription as the subscriber writes it; `null` in a PATCH removes an optional condition. */
const subscriptionFields = {
  actors: z.array(name).min(1).max(100),
  /** Boolean query on the statement text: words, "phrases", AND, OR, NOT, -word, prefix*, parentheses. */
  query: storableText(z.string().trim().min(1).max(2000)).superRefine((query, ctx) => {
    try {
      compileTextConditions({ query });
    } catch (error) {
      if (!(error instanceof TextQuerySyntaxError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
    }
  }),
  /** Any of these words or phrases. */
  words: z.array(name).min(1).max(100),
  /** Statement kinds: `direct` quotes (the default), `indirect` (reported speech), or `any`. */
  kinds: z.array(z.enum(['direct', 'indirect', 'any'])).min(1),
  outlets: z
    .object({ include: z.array(name).min(1).max(200).optional(), exclude: z.array(name).min(1).max(200).optional() })
    .strict()
    .refine((o) => o.include || o.exclude, 'give "include" and/or "exclude"'),
  sentiment: sentimentSchema,
  channel: z.enum(['webhook', 'stream']),
  webhookUrl: storableText(z.string().max(2000).url()).refine((url) => /^https?:\/\//i.test(url), 'must be an http or https URL'),
  /**
   * Signing secret: `whsec_` + base64 of 24..64 bytes (Standard Webhooks). Other text of 16..200
   * characters is a legacy secret, accepted for one more release (deprecated).
   */
  secret: storableText(z.string().min(16).max(200)).superRefine((secret, ctx) => {
    const problem = webhookSecretProblem(secret);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
};

export const createSubscriptionSchema = z
  .object({
    actors: subscriptionFields.actors,
    query: subscriptionFields.query.optional(),
    words: subscriptionFields.words.optional(),
    kinds: subscriptionFields.kinds.default(['direct']),
    outlets: subscriptionFields.outlets.optional(),
    sentiment: subscriptionFields.sentiment.optional(),
    channel: subscriptionFields.channel.optional(),
    webhookUrl: subscriptionFields.webhookUrl.optional(),
    secret: subscriptionFields.secret.optional(),
  })
  .strict()
  .superRefine((dto, ctx) => {
    const channel = dto.channel ?? (dto.webhookUrl ? 'webhook' : undefined);
    if (channel === undefined)
      ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'give a "webhookUrl", or "channel": "stream"' });
    if (channel === 'webhook' && !dto.webhookUrl)
      ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'is required for the webhook channel' });
    if (channel === 'stream' && dto.webhookUrl)
      ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'must be absent for the stream channel' });
  })
  .transform((dto) => ({
    ...dto,
    channel: dto.channel ?? ('webhook' as const),
    kinds: dto.kinds.includes('any')
      ? (['direct', 'indirect'] as const)
      : ([...new Set(dto.kinds)] as Array<'direct' | 'indirect'>),
  }));

export type CreateSubscriptionDto = z.infer<typeof createSubscriptionSchema>;

/** A partial update; `null` removes an optional condition. The merged result is validated like a new subscription. */
export const updateSubscriptionSchema = z
  .object({
    actors: subscriptionFields.actors.optional(),
    query: subscriptionFields.query.nullable().optional(),
    words: subscriptionFields.words.nullable().optional(),
    kinds: subscriptionFields.kinds.optional(),
    outlets: subscriptionFields.outlets.nullable().optional(),
    sentiment: subscriptionFields.sentiment.nullable().optional(),
    channel: subscriptionFields.channel.optional(),
    webhookUrl: subscriptionFields.webhookUrl.nullable().optional(),
    secret: subscriptionFields.secret.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');

export type UpdateSubscriptionDto = z.infer<typeof updateSubscriptionSchema>;
