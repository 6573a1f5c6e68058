import { RebuildRecord } from '@chronicle/persistence';
import { z } from 'zod';

const instant = z.string().datetime();

/** One partition a projection reads: where its live consumer is, the log's end, and the gap. */
export const partitionProgressSchema = z.object({
  topic: z.string(),
  partition: z.number().int(),
  position: z.number().int(),
  end: z.number().int(),
  lag: z.number().int(),
});
export type PartitionProgress = z.infer<typeof partitionProgressSchema>;

/** A projection's live version with its progress, and any rebuild under way. */
export const projectionStatusSchema = z.object({
  name: z.string(),
  live: z.object({
    version: z.number().int(),
    consumer: z.string(),
    activatedAt: instant.nullable(),
    lag: z.number().int(),
    partitions: z.array(partitionProgressSchema),
  }),
  rebuild: z
    .object({
      version: z.number().int(),
      status: z.string(),
      eventsDone: z.number().int(),
      eventsTotal: z.number().int().nullable(),
      startedAt: instant,
      error: z.string().nullable(),
    })
    .nullable(),
});
export type ProjectionStatus = z.infer<typeof projectionStatusSchema>;

export const projectionListSchema = z.object({ projections: z.array(projectionStatusSchema) });

/** A rebuild request and what became of it: who asked, which replica ran it, how it ended. */
export const rebuildRecordSchema = z.object({
  id: z.string().uuid(),
  projection: z.string(),
  requestedBy: z.string(),
  requestedByKey: z.string().nullable(),
  requestedAt: instant,
  status: z.enum(['requested', 'running', 'succeeded', 'failed']),
  claimedBy: z.string().nullable(),
  attempts: z.number().int(),
  startedAt: instant.nullable(),
  finishedAt: instant.nullable(),
  version: z.number().int().nullable(),
  error: z.string().nullable(),
});

// The record is read in libs/persistence; this keeps the documented schema and its type in step.
const _sameShape: z.ZodType<RebuildRecord> = rebuildRecordSchema;

export const rebuildHistorySchema = z.object({ rebuilds: z.array(rebuildRecordSchema) });
