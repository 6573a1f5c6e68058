import { ChronicleConfig } from '@chronicle/config';
import { HttpStatus } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { LIVE_STREAM_RETRY_AFTER_SECONDS, LiveStreamSlots, TooManyLiveStreamsException } from './live-stream-slots';

const slotsWith = (perKey: number, perProcess: number): LiveStreamSlots =>
  new LiveStreamSlots({ auth: { streams: { perKey, perProcess } } } as ChronicleConfig);

const refusal = (acquire: () => unknown): TooManyLiveStreamsException => {
  try {
    acquire();
  } catch (error) {
    if (error instanceof TooManyLiveStreamsException) return error;
    throw error;
  }
  throw new Error('expected the slot to be refused');
};

describe(LiveStreamSlots.name, () => {
  describe('when a key is under its cap', () => {
    it('gives it a slot and counts it for the key and the process', () => {
      const slots = slotsWith(2, 10);
      slots.acquire('key:a');
      slots.acquire('key:a');
      expect(slots.open('key:a')).toBe(2);
      expect(slots.open()).toBe(2);
    });
  });

  describe('when a key is at its cap', () => {
    it('refuses with a 429 that says when to retry, and other keys still get slots', () => {
      const slots = slotsWith(2, 10);
      slots.acquire('key:a');
      slots.acquire('key:a');
      const refused = refusal(() => slots.acquire('key:a'));
      expect(refused.getStatus()).toBe(HttpStatus.TOO_MANY_REQUESTS);
      expect(refused.cap).toBe('key');
      expect(refused.retryAfterSeconds).toBe(LIVE_STREAM_RETRY_AFTER_SECONDS);
      expect(slots.open('key:a')).toBe(2);
      expect(() => slots.acquire('key:b')).not.toThrow();
    });
  });

  describe('when the process is at its cap', () => {
    it('refuses every key, even one with no stream yet', () => {
      const slots = slotsWith(2, 3);
      slots.acquire('key:a');
      slots.acquire('key:a');
      slots.acquire('key:b');
      expect(refusal(() => slots.acquire('key:c')).cap).toBe('process');
      expect(slots.open()).toBe(3);
    });
  });

  describe('when a stream releases its slot', () => {
    it('frees it for the key and the process', () => {
      const slots = slotsWith(1, 1);
      const release = slots.acquire('key:a');
      expect(() => slots.acquire('key:a')).toThrow(TooManyLiveStreamsException);
      release();
      expect(slots.open('key:a')).toBe(0);
      expect(slots.open()).toBe(0);
      expect(() => slots.acquire('key:a')).not.toThrow();
    });

    it('frees it once however often release is called', () => {
      const slots = slotsWith(3, 3);
      const release = slots.acquire('key:a');
      slots.acquire('key:a');
      release();
      release();
      expect(slots.open('key:a')).toBe(1);
      expect(slots.open()).toBe(1);
    });
  });
});
