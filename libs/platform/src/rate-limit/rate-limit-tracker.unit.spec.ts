import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Principal, PRINCIPAL_PROPERTY } from '../auth/principal';
import { rateLimitBucketOf } from './key-throttler.guard';
import { rateLimitTracker } from './rate-limit-tracker';

const principal = (keyId: string | null): Principal => ({ keyId, name: 'n', tenant: 'default', scopes: ['read'] });

describe(rateLimitTracker.name, () => {
  describe('when the request carries a key', () => {
    it('tracks the key, whatever address it comes from', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1 }), fc.ipV4(), fc.ipV4(), (keyId, ipA, ipB) => {
          const a = rateLimitTracker({ [PRINCIPAL_PROPERTY]: principal(keyId), ip: ipA });
          expect(a).toBe(`key:${keyId}`);
          expect(rateLimitTracker({ [PRINCIPAL_PROPERTY]: principal(keyId), ip: ipB })).toBe(a);
        }),
      );
    });
  });

  describe('when there is no key (auth off, or a metrics token)', () => {
    it('tracks the client address', () => {
      expect(rateLimitTracker({ [PRINCIPAL_PROPERTY]: principal(null), ip: '203.0.113.7' })).toBe('ip:203.0.113.7');
      expect(rateLimitTracker({ ip: '203.0.113.7' })).toBe('ip:203.0.113.7');
    });

    it('groups IPv6 addresses by /64, so one client cannot rotate through its own addresses', () => {
      expect(rateLimitTracker({ ip: '2001:db8:1:2::1' })).toBe(rateLimitTracker({ ip: '2001:db8:1:2:ffff::9' }));
      expect(rateLimitTracker({ ip: '2001:db8:1:2::1' })).not.toBe(rateLimitTracker({ ip: '2001:db8:1:3::1' }));
    });

    it('can never be mistaken for a key', () => {
      fc.assert(
        fc.property(fc.ipV4(), (ip) => {
          expect(rateLimitTracker({ ip })).toMatch(/^ip:/);
        }),
      );
    });
  });
});

describe(rateLimitBucketOf.name, () => {
  describe('when the route needs the ingest scope', () => {
    it('spends the ingest budget', () => {
      expect(rateLimitBucketOf('ingest')).toBe('ingest');
    });
  });

  describe('when the route needs any other scope, or declares none', () => {
    it('spends the read budget', () => {
      for (const scope of ['read', 'subscriptions', 'admin', 'metrics', undefined] as const)
        expect(rateLimitBucketOf(scope)).toBe('read');
    });
  });
});
