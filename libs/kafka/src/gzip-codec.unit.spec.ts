import { seededRandom } from '@chronicle/domain';
import fc from 'fast-check';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipCodec, INLINE_GZIP_MAX_BYTES } from './gzip-codec';
import { createKafka } from './kafka-client.factory';
import { KafkaSettings } from './kafka-settings';

/** Seeded random bytes: they compress poorly, so a buffer of this size stays near it once gzipped. */
function noise(bytes: number, seed: number): Buffer {
  const random = seededRandom(seed);
  return Buffer.from(Array.from({ length: bytes }, () => Math.floor(random() * 256)));
}

describe('gzipCodec', () => {
  describe('when a record batch is at most INLINE_GZIP_MAX_BYTES', () => {
    it('compresses it on the calling thread: the result is a Buffer, not a Promise', () => {
      const records = Buffer.from('{"type":"ArticleSubmitted"}'.repeat(100));

      const compressed = gzipCodec.compress({ buffer: records });

      expect(Buffer.isBuffer(compressed)).toBe(true);
      expect(gunzipSync(compressed as Buffer).equals(records)).toBe(true);
    });

    it('decompresses it on the calling thread', () => {
      const records = noise(INLINE_GZIP_MAX_BYTES - 1_000, 7);

      const decompressed = gzipCodec.decompress(gzipSync(records));

      expect(Buffer.isBuffer(decompressed)).toBe(true);
      expect((decompressed as Buffer).equals(records)).toBe(true);
    });
  });

  describe('when a record batch is larger', () => {
    it('compresses and decompresses it on zlib’s pool (a Promise) to the same bytes', async () => {
      const records = noise(INLINE_GZIP_MAX_BYTES + 1, 11);

      const compressed = gzipCodec.compress({ buffer: records });
      expect(compressed).toBeInstanceOf(Promise);
      const wire = await compressed;
      expect(wire.length).toBeGreaterThan(INLINE_GZIP_MAX_BYTES);
      const decompressed = gzipCodec.decompress(wire);

      expect(decompressed).toBeInstanceOf(Promise);
      expect((await decompressed).equals(records)).toBe(true);
    });
  });

  it('round-trips any bytes on either side of the threshold, in the gzip format other clients read', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: INLINE_GZIP_MAX_BYTES * 2 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        async (bytes, seed) => {
          const records = noise(bytes, seed);
          const wire = await gzipCodec.compress({ buffer: records });
          expect(gunzipSync(wire).equals(records)).toBe(true);
          expect((await gzipCodec.decompress(gzipSync(records))).equals(records)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is the codec kafkajs uses for GZIP once a Chronicle client exists', () => {
    const settings: KafkaSettings = {
      brokers: ['127.0.0.1:1'],
      clientId: 'gzip-codec-spec',
      topicPrefix: 'spec',
      partitions: 1,
      replicationFactor: 1,
      maxWaitMs: 100,
      sessionTimeoutMs: 10_000,
    };
    createKafka(settings);

    expect(CompressionCodecs[CompressionTypes.GZIP]()).toBe(gzipCodec);
  });
});
