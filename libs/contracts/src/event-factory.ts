import { latestVersionOf, ChronicleEvent } from './event-decoder';
import { EventMetadata } from './envelope';

/** Builds an envelope for a new event; id and time come in as arguments so callers stay deterministic. */
export function createEvent<E extends ChronicleEvent>(
  type: E['type'],
  data: E['data'],
  options: { id: string; occurredAt: string; metadata: EventMetadata },
): E {
  return {
    id: options.id,
    type,
    version: latestVersionOf(type),
    occurredAt: options.occurredAt,
    data,
    metadata: options.metadata,
  } as E;
}
