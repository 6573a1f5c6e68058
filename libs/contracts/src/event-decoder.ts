import { z } from 'zod/v4';
import { eventEnvelopeSchema, EventEnvelope } from './envelope';
import { ALERT_RAISED, alertRaisedV1Schema, AlertRaisedData } from './events/alert-raised.event';
import { ARTICLE_ANALYZED, articleAnalyzedV1Schema, ArticleAnalyzedData } from './events/article-analyzed.event';
import { ARTICLE_RETRACTED, articleRetractedV1Schema, ArticleRetractedData } from './events/article-retracted.event';
import { ARTICLE_REVISED, articleRevisedV1Schema, ArticleRevisedData } from './events/article-revised.event';
import { ARTICLE_SUBMITTED, articleSubmittedV1Schema, ArticleSubmittedData } from './events/article-submitted.event';

export type ArticleSubmittedEvent = EventEnvelope<typeof ARTICLE_SUBMITTED, ArticleSubmittedData>;
export type ArticleRevisedEvent = EventEnvelope<typeof ARTICLE_REVISED, ArticleRevisedData>;
export type ArticleRetractedEvent = EventEnvelope<typeof ARTICLE_RETRACTED, ArticleRetractedData>;
export type ArticleAnalyzedEvent = EventEnvelope<typeof ARTICLE_ANALYZED, ArticleAnalyzedData>;
export type AlertRaisedEvent = EventEnvelope<typeof ALERT_RAISED, AlertRaisedData>;

/** Every event a Chronicle handler can receive, always in its latest version. */
export type ChronicleEvent =
  ArticleSubmittedEvent | ArticleRevisedEvent | ArticleRetractedEvent | ArticleAnalyzedEvent | AlertRaisedEvent;

/** The events of the articles topic, in the order the log keeps them per article. */
export type ArticleLifecycleEvent = ArticleSubmittedEvent | ArticleRevisedEvent | ArticleRetractedEvent;
export type ChronicleEventType = ChronicleEvent['type'];

/** Raised when bytes on a topic are not a valid event; the reason goes to the dead-letter topic. */
export class EventDecodeError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'EventDecodeError';
  }
}

interface EventDefinition {
  latestVersion: number;
  schema: z.ZodType;
  /** Upcasters from version N to N+1, keyed by N. Handlers only ever see the latest shape. */
  upcasters: Record<number, (data: unknown) => unknown>;
}

const DEFINITIONS: Record<ChronicleEventType, EventDefinition> = {
  [ARTICLE_SUBMITTED]: { latestVersion: 1, schema: articleSubmittedV1Schema, upcasters: {} },
  [ARTICLE_REVISED]: { latestVersion: 1, schema: articleRevisedV1Schema, upcasters: {} },
  [ARTICLE_RETRACTED]: { latestVersion: 1, schema: articleRetractedV1Schema, upcasters: {} },
  [ARTICLE_ANALYZED]: { latestVersion: 1, schema: articleAnalyzedV1Schema, upcasters: {} },
  [ALERT_RAISED]: { latestVersion: 1, schema: alertRaisedV1Schema, upcasters: {} },
};

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/**
 * Parses raw message bytes into a validated, upcast event.
 * @throws EventDecodeError naming every problem found.
 */
export function decodeEvent(raw: Buffer | string | null): ChronicleEvent {
  if (raw === null || raw.length === 0) throw new EventDecodeError('empty message value');
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (error) {
    throw new EventDecodeError(`value is not JSON: ${(error as Error).message}`);
  }
  const envelope = eventEnvelopeSchema.safeParse(json);
  if (!envelope.success) throw new EventDecodeError(`invalid envelope: ${describeIssues(envelope.error)}`);
  const { type, version } = envelope.data;
  if (!(type in DEFINITIONS)) throw new EventDecodeError(`unknown event type "${type}"`);
  const definition = DEFINITIONS[type as ChronicleEventType];
  if (version > definition.latestVersion) {
    throw new EventDecodeError(`unsupported version ${version} of ${type} (latest known is ${definition.latestVersion})`);
  }
  let data = envelope.data.data;
  for (let v = version; v < definition.latestVersion; v += 1) {
    const upcast = definition.upcasters[v];
    if (!upcast) throw new EventDecodeError(`no upcaster for ${type} v${v}`);
    data = upcast(data);
  }
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) throw new EventDecodeError(`invalid ${type} data: ${describeIssues(parsed.error)}`);
  return { ...envelope.data, version: definition.latestVersion, data: parsed.data } as ChronicleEvent;
}

/** Serialises an event for the wire. */
export function encodeEvent(event: ChronicleEvent): Buffer {
  return Buffer.from(JSON.stringify(event), 'utf8');
}

/** The zod schema of an event type's `data`, in its latest version (what handlers see). */
export function eventDataSchemaOf(type: ChronicleEventType): z.ZodType {
  return DEFINITIONS[type].schema;
}

/** Every event type Chronicle publishes. */
export const EVENT_TYPES = Object.keys(DEFINITIONS) as ChronicleEventType[];

/** The latest version of an event type, for producers. */
export function latestVersionOf(type: ChronicleEventType): number {
  return DEFINITIONS[type].latestVersion;
}
