import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bearerToken, formatApiKey, hashApiKeySecret, parseApiKey, StoredApiKey, verifyApiKey } from './api-key';

const prefixBytes = fc.uint8Array({ minLength: 6, maxLength: 6 });
const secretBytes = fc.uint8Array({ minLength: 32, maxLength: 32 });
const NOW = new Date('2026-12-01T12:00:00Z');

function storedFor(key: { prefix: string; secret: string }, overrides: Partial<StoredApiKey> = {}): StoredApiKey {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'desk',
    prefix: key.prefix,
    secretHash: hashApiKeySecret(key.secret),
    scopes: ['read'],
    tenant: 'default',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    expiresAt: null,
    revokedAt: null,
    ...overrides,
  };
}

describe(formatApiKey.name, () => {
  describe('when given any random bytes', () => {
    it('makes a key that parses back to the same prefix and secret', () => {
      fc.assert(
        fc.property(prefixBytes, secretBytes, (p, s) => {
          const made = formatApiKey(p, s);
          expect(parseApiKey(made.key)).toEqual({ prefix: made.prefix, secret: made.secret });
        }),
      );
    });
  });
  describe('when given too few bytes', () => {
    it('refuses', () => {
      expect(() => formatApiKey(new Uint8Array(6), new Uint8Array(16))).toThrow(RangeError);
    });
  });
});

describe(verifyApiKey.name, () => {
  const key = formatApiKey(new Uint8Array(6).fill(7), new Uint8Array(32).fill(9));

  describe('when the key is active', () => {
    it('is valid', () => {
      expect(verifyApiKey(key.key, storedFor(key), NOW)).toMatchObject({ outcome: 'valid' });
    });
  });
  describe('when any character of the secret differs', () => {
    it('is unknown', () => {
      fc.assert(
        fc.property(fc.nat(42), fc.constantFrom('A', 'b', '0', '-', '_'), (index, replacement) => {
          const secret = key.secret.slice(0, index) + replacement + key.secret.slice(index + 1);
          fc.pre(secret !== key.secret);
          expect(verifyApiKey(`chr_${key.prefix}_${secret}`, storedFor(key), NOW)).toEqual({ outcome: 'unauthenticated', reason: 'unknown' });
        }),
      );
    });
  });
  describe('when no row has its prefix', () => {
    it('is unknown', () => {
      expect(verifyApiKey(key.key, null, NOW)).toEqual({ outcome: 'unauthenticated', reason: 'unknown' });
    });
  });
  describe('when it was revoked, at or before now', () => {
    it('is revoked', () => {
      expect(verifyApiKey(key.key, storedFor(key, { revokedAt: NOW }), NOW)).toMatchObject({ reason: 'revoked' });
    });
  });
  describe('when it expires at this instant or earlier', () => {
    it('is expired, and a millisecond before it is still valid', () => {
      expect(verifyApiKey(key.key, storedFor(key, { expiresAt: NOW }), NOW)).toMatchObject({ reason: 'expired' });
      expect(verifyApiKey(key.key, storedFor(key, { expiresAt: new Date(NOW.getTime() + 1) }), NOW)).toMatchObject({ outcome: 'valid' });
    });
  });
  describe('when any text is presented', () => {
    it('never throws, and only well-formed keys get past the shape check', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (text) => {
          const verdict = verifyApiKey(text, storedFor(key), NOW);
          if (text !== key.key) expect(verdict.outcome).toBe('unauthenticated');
        }),
      );
    });
  });
});

describe(bearerToken.name, () => {
  describe('when the header is a bearer credential', () => {
    it('returns the token, whatever the case of the scheme', () => {
      expect(bearerToken('Bearer abc')).toBe('abc');
      expect(bearerToken('bearer abc ')).toBe('abc');
    });
  });
  describe('when it is missing, another scheme or malformed', () => {
    it('returns null', () => {
      for (const header of [undefined, '', 'Basic abc', 'Bearer', 'Bearer a b', 'Bearerabc']) expect(bearerToken(header)).toBeNull();
    });
  });
  describe('when any text is given', () => {
    it('returns null or a token without whitespace', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (header) => {
          const token = bearerToken(header);
          if (token !== null) expect(token).toMatch(/^\S+$/);
        }),
      );
    });
  });
});
