import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './chronicle-config';
import { MAX_ARTICLE_BYTES_CEILING, MIB, maxMessageBytesFor, maxRequestBytesFor } from './message-limits';

describe(maxMessageBytesFor.name, () => {
  describe('when MAX_ARTICLE_BYTES is left at its default', () => {
    it('derives a Kafka message limit above the broker default of 1 MiB: twice the article limit plus a MiB', () => {
      const config = loadConfig({});
      expect(config.limits.maxArticleBytes).toBe(2_000_000);
      expect(config.kafka.maxMessageBytes).toBe(4_000_000 + MIB);
      expect(config.limits.maxRequestBytes).toBe(12_000_000 + MIB);
    });
  });

  describe('when MAX_ARTICLE_BYTES is set', () => {
    it('moves every size limit with it', () => {
      const config = loadConfig({ MAX_ARTICLE_BYTES: '500000' });
      expect(config.kafka.maxMessageBytes).toBe(maxMessageBytesFor(500_000));
      expect(config.limits.maxRequestBytes).toBe(maxRequestBytesFor(500_000));
    });

    it('refuses a limit whose messages no broker would take', () => {
      expect(() => loadConfig({ MAX_ARTICLE_BYTES: String(MAX_ARTICLE_BYTES_CEILING + 1) })).toThrow(/MAX_ARTICLE_BYTES/);
      expect(() => loadConfig({ MAX_ARTICLE_BYTES: '0' })).toThrow(/MAX_ARTICLE_BYTES/);
    });
  });

  describe('when an article is at the limit, whatever its characters', () => {
    it('fits its JSON-escaped body in a message, and its worst JSON encoding in a request', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: MAX_ARTICLE_BYTES_CEILING }), (limit) => {
          // Ingest keeps only \t and \n of the controls: at most two bytes per body byte once escaped.
          expect(maxMessageBytesFor(limit)).toBeGreaterThanOrEqual(2 * limit + 64 * 1024);
          // A client may send every byte as a \u00XX escape.
          expect(maxRequestBytesFor(limit)).toBeGreaterThanOrEqual(6 * limit + 64 * 1024);
        }),
      );
      const body = '"\\\n\t'.repeat(1000);
      expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThanOrEqual(2 * Buffer.byteLength(body) + 2);
    });
  });
});
