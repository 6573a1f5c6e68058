import specs from '@asyncapi/specs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, TOPIC_EVENTS, TOPICS } from '../src/index';
import { asyncApiJson, buildAsyncApiDocument } from './asyncapi-document';

const COMMITTED = resolve(__dirname, '../../../docs/asyncapi.json');

describe(buildAsyncApiDocument.name, () => {
  const document = buildAsyncApiDocument() as {
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    components: { messages: Record<string, { payload: { properties: Record<string, { const?: unknown }> } }> };
  };

  describe('when validated against the official AsyncAPI 3.0 schema', () => {
    it('is a valid AsyncAPI 3.0.0 document', () => {
      // The spec bundles its own copy of the draft-07 meta-schema, so Ajv's built-in one stays out.
      const ajv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false });
      addFormats(ajv);
      const validate = ajv.compile(specs.schemas['3.0.0']);
      expect(validate(document), ajv.errorsText(validate.errors)).toBe(true);
    });
  });

  describe('when read against libs/contracts', () => {
    it('has a channel per topic, at its name', () => {
      expect(Object.fromEntries(Object.entries(document.channels).map(([key, channel]) => [key, channel.address]))).toEqual(
        TOPICS,
      );
    });

    it('documents every event type on exactly one topic, with its type and version pinned', () => {
      const carried = Object.values(TOPIC_EVENTS).flatMap(({ events }) => events);
      expect([...carried].sort()).toEqual([...EVENT_TYPES].sort());
      for (const type of EVENT_TYPES) {
        expect(document.components.messages[type]?.payload.properties.type?.const, type).toBe(type);
      }
    });
  });

  describe('when compared with the committed docs/asyncapi.json', () => {
    it('is what `npm run asyncapi` would write now', () => {
      expect(readFileSync(COMMITTED, 'utf8'), 'docs/asyncapi.json is stale: run `npm run asyncapi`').toBe(asyncApiJson());
    });
  });
});
