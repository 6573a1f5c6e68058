import { z } from 'zod/v4';

export const eventMetadataSchema = z.object({
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
});

/** The one envelope every Chronicle event travels in. `data` is validated per type. */
export const eventEnvelopeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.string().datetime({ offset: true }),
  data: z.unknown(),
  metadata: eventMetadataSchema,
});

export type EventMetadata = z.infer<typeof eventMetadataSchema>;

export interface EventEnvelope<TType extends string = string, TData = unknown> {
  id: string;
  type: TType;
  version: number;
  occurredAt: string;
  data: TData;
  metadata: EventMetadata;
}
