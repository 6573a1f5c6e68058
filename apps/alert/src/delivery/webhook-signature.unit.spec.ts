import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook } from './webhook-signature';

describe(signWebhook.name, () => {
  describe('when a receiver recomputes the HMAC over timestamp and body', () => {
    it('gets the same signature', () => {
      const expected = createHmac('sha256', 's3cret').update('1700000000.{"a":1}').digest('hex');
      expect(signWebhook('s3cret', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
    });
  });
  describe('when the body is tampered with', () => {
    it('no longer matches', () => {
      expect(signWebhook('s3cret', '1', '{"a":1}')).not.toBe(signWebhook('s3cret', '1', '{"a":2}'));
    });
  });
});
