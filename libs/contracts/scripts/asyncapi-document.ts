import { z } from 'zod/v4';
import {
  DEAD_LETTER_HEADERS,
  EVENT_HEADERS,
  EVENT_TYPES,
  eventDataSchemaOf,
  eventEnvelopeSchema,
  eventMetadataSchema,
  latestVersionOf,
  TOPIC_EVENTS,
  TOPICS,
  TopicKey,
} from '../src/index';

type JsonSchema = Record<string, unknown>;

const KAFKA_BINDING_VERSION = '0.5.0';

/** JSON Schema (draft-07, which AsyncAPI schemas extend) of a zod schema, inlined. */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', reused: 'inline' }) as JsonSchema;
  return rest;
}

const stringHeaders = (headers: Record<string, string>): JsonSchema => ({
  type: 'object',
  properties: Object.fromEntries(Object.entries(headers).map(([name, description]) => [name, { type: 'string', description }])),
  required: Object.keys(headers),
});

const DEAD_LETTER_HEADER_DESCRIPTIONS: Record<keyof typeof DEAD_LETTER_HEADERS, string> = {
  reason: 'Why the message could not be handled',
  sourceTopic: 'The topic it was read from',
  sourcePartition: 'Its partition there',
  sourceOffset: 'Its offset there',
  consumer: 'The consumer group that gave up on it',
  failedAt: 'When (ISO 8601)',
  errorClass: 'What kind of failure, e.g. `QueryFailedError/22P05`, `EventDecodeError`',
  attempts: 'How many times it was tried',
};

const TOPIC_DESCRIPTIONS: Record<TopicKey, string> = {
  articles: 'Every article submitted, revised or retracted. Kept forever: the source of truth for replay.',
  analyses:
    'The analysis of each article version (actors, statements, sentiment). Kept forever: projections are rebuilt from it.',
  alerts: 'An AlertRaised for each alert a subscription raised.',
  deadLetter: 'Messages a consumer could not handle, with their original bytes and headers and the reason.',
};

/** The message of one event type: its envelope with `type`, `version` and `data` pinned to that event. */
function eventMessage(type: (typeof EVENT_TYPES)[number], key: string): JsonSchema {
  const version = latestVersionOf(type);
  const envelope = eventEnvelopeSchema.extend({
    type: z.literal(type),
    version: z.literal(version),
    data: eventDataSchemaOf(type),
  });
  return {
    name: type,
    title: type,
    summary: `${type} v${version}, in the event envelope`,
    contentType: 'application/json',
    headers: stringHeaders(EVENT_HEADERS),
    payload: jsonSchemaOf(envelope),
    bindings: { kafka: { key: { type: 'string', description: key }, bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

/**
 * The AsyncAPI 3.0 document of Chronicle's Kafka topics, generated from libs/contracts: topic
 * names, the event envelope and each event's latest schema. Deterministic, so the committed
 * `docs/asyncapi.json` can be compared with a fresh generation.
 */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const [topic, { events, key }] of Object.entries(TOPIC_EVENTS) as Array<[TopicKey, (typeof TOPIC_EVENTS)['articles']]>) {
    for (const type of events) messages[type] = eventMessage(type, key);
    channels[topic] = {
      address: TOPICS[topic],
      title: TOPICS[topic],
      description: TOPIC_DESCRIPTIONS[topic],
      messages: Object.fromEntries(events.map((type) => [type, { $ref: `#/components/messages/${type}` }])),
      bindings: { kafka: { topic: TOPICS[topic], bindingVersion: KAFKA_BINDING_VERSION } },
    };
    operations[`publish-${topic}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${topic}` },
      summary: `Chronicle publishes ${events.join(', ')} to ${TOPICS[topic]}`,
      messages: events.map((type) => ({ $ref: `#/channels/${topic}/messages/${type}` })),
    };
  }
  messages.DeadLetter = {
    name: 'DeadLetter',
    title: 'Dead letter',
    summary: 'A message no consumer could handle: its original key, value and headers, plus why',
    contentType: 'application/octet-stream',
    headers: stringHeaders(
      Object.fromEntries(
        Object.entries(DEAD_LETTER_HEADERS).map(([field, header]) => [
          header,
          DEAD_LETTER_HEADER_DESCRIPTIONS[field as keyof typeof DEAD_LETTER_HEADERS],
        ]),
      ),
    ),
    payload: { description: 'The original message value, byte for byte (usually an event envelope, but not necessarily valid)' },
  };
  channels.deadLetter = {
    address: TOPICS.deadLetter,
    title: TOPICS.deadLetter,
    description: TOPIC_DESCRIPTIONS.deadLetter,
    messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
    bindings: { kafka: { topic: TOPICS.deadLetter, bindingVersion: KAFKA_BINDING_VERSION } },
  };
  operations['publish-deadLetter'] = {
    action: 'send',
    channel: { $ref: '#/channels/deadLetter' },
    summary: `Chronicle's consumers move poison messages to ${TOPICS.deadLetter}`,
    messages: [{ $ref: '#/channels/deadLetter/messages/DeadLetter' }],
  };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Chronicle events',
      version: '1.0.0',
      description: [
        "Chronicle's Kafka topics, for teams that consume them directly. Every event travels in one JSON envelope",
        '`{id, type, version, occurredAt, data, metadata: {correlationId, causationId}}`; `data` is validated per `type`.',
        'Topic names here are without the deployment prefix (`KAFKA_TOPIC_PREFIX`), and are never renamed in place:',
        'a breaking change is a new topic. An additive change to an event keeps its `version`; a breaking one bumps it.',
        'Generated from libs/contracts by `npm run asyncapi`.',
      ].join(' '),
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      schemas: { EventEnvelope: jsonSchemaOf(eventEnvelopeSchema), EventMetadata: jsonSchemaOf(eventMetadataSchema) },
      messages,
    },
  };
}

/** The document as committed in `docs/asyncapi.json`. */
export function asyncApiJson(): string {
  return `${JSON.stringify(buildAsyncApiDocument(), null, 2)}\n`;
}
