import { ConsumerHealthReport } from '@chronicle/kafka';
import { z } from 'zod';

const offset = z.string().regex(/^\d+$/);

const healthProblemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('stalled'),
    topic: z.string(),
    partition: z.number().int(),
    position: offset.optional(),
    lag: z.number(),
    stalledForSeconds: z.number(),
    lastError: z.string().optional(),
  }),
  z.object({
    kind: z.literal('retrying'),
    topic: z.string(),
    partition: z.number().int(),
    offset: offset.optional(),
    attempt: z.number().int(),
    failure: z.string(),
    error: z.string(),
  }),
  z.object({ kind: z.literal('dead-letter-rate'), perMinute: z.number(), limit: z.number() }),
]);

/** What `/health` answers: 200 when `ok`, 503 when `degraded` (the same shape, naming every problem). */
export const healthReportSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  problems: z.array(healthProblemSchema),
  partitions: z.array(
    z.object({
      topic: z.string(),
      partition: z.number().int(),
      position: offset.optional(),
      endOffset: offset.optional(),
      lag: z.number().optional(),
      lastProgressAt: z.string().datetime(),
      lastError: z.string().optional(),
    }),
  ),
  deadLetteredLastMinute: z.number().int(),
  lastError: z
    .object({ at: z.string().datetime(), topic: z.string(), partition: z.number().int(), error: z.string() })
    .optional(),
});

// The report is built in libs/kafka; this keeps the documented schema and its type in step.
const _sameShape: z.ZodType<ConsumerHealthReport> = healthReportSchema;

export const livenessSchema = z.object({ status: z.literal('ok') });
