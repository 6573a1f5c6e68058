import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, webhookSecretProblem } from './webhook-secret';

describe(newWebhookSecret.name, () => {
  describe('when a secret is generated', () => {
    it('is whsec_ and base64 of 32 random bytes, which the standardwebhooks library reads', () => {
      const secret = newWebhookSecret();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
      expect(() => new Webhook(secret)).not.toThrow();
      expect(webhookSecretProblem(secret)).toBeNull();
      expect(newWebhookSecret()).not.toBe(secret);
    });
  });
});

describe(webhookSecretProblem.name, () => {
  describe('when a whsec_ secret encodes 24..64 bytes in standard base64', () => {
    it('accepts it', () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 24, maxLength: 64 }), (bytes) => {
          expect(webhookSecretProblem(`whsec_${Buffer.from(bytes).toString('base64')}`)).toBeNull();
        }),
      );
    });
  });

  describe('when a whsec_ secret is not canonical base64 or has the wrong length', () => {
    it.each([
      ['base64url characters', `whsec_${Buffer.alloc(32, 0xfb).toString('base64url')}`],
      ['missing padding', `whsec_${Buffer.alloc(32, 1).toString('base64').replace(/=+$/, '')}`],
      ['stray characters', `whsec_${Buffer.alloc(32, 1).toString('base64')}!`],
      ['non-zero trailing bits', `whsec_${Buffer.alloc(32, 1).toString('base64').replace(/E=$/, 'F=')}`],
      ['23 bytes', `whsec_${Buffer.alloc(23, 1).toString('base64')}`],
      ['65 bytes', `whsec_${Buffer.alloc(65, 1).toString('base64')}`],
    ])('explains the problem with %s', (_what, secret) => {
      expect(webhookSecretProblem(secret)).toMatch(/whsec_/);
    });
  });

  describe('when the secret is a legacy one without the prefix', () => {
    it('accepts it (deprecated)', () => {
      expect(webhookSecretProblem('0123456789abcdef-legacy')).toBeNull();
    });
  });
});
