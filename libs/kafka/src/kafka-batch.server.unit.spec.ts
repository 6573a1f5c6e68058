import { describe, expect, it } from 'vitest';
import { fetchMaxBytes } from './kafka-batch.server';

const MB = 1024 * 1024;

describe(fetchMaxBytes.name, () => {
  describe("when every partition batch fits kafkajs's default response size", () => {
    it('keeps the default 10 MB', () => {
      expect(fetchMaxBytes({ maxBytesPerPartition: 1 * MB, partitions: 6 })).toBe(10 * MB);
      expect(fetchMaxBytes({ partitions: 6 })).toBe(10 * MB);
    });
  });

  describe('when partition batches are large', () => {
    it('leaves room for a full batch of every partition, so concurrent workers are not starved', () => {
      expect(fetchMaxBytes({ maxBytesPerPartition: 3 * MB, partitions: 6 })).toBe(18 * MB);
    });
  });
});
