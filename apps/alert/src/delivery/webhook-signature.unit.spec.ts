import fc from 'fast-check';
import { createHmac, randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signingSecrets, signWebhook, WEBHOOK_HEADERS, webhookSignatureHeaders } from './webhook-signature';

const whsec = (bytes = randomBytes(32)): string => `whsec_${bytes.toString('base64')}`;
const BODY = JSON.stringify({ alertId: 'alert-1', statement: { text: 'Ukraine must get air defence — «now»' } });
const HOUR = 3_600_000;

/** Signs like the delivery worker does, at the real current time (the library refuses timestamps over 5 minutes off). */
function deliver(secret: string, previous: { secret: string; expiresAt: Date } | null = null, body = BODY) {
  return webhookSignatureHeaders(
    { id: 'alert-1', body, now: new Date() },
    { secret, previousSecret: previous?.secret ?? null, previousSecretExpiresAt: previous?.expiresAt ?? null },
  );
}

describe(webhookSignatureHeaders.name, () => {
  describe('when a receiver verifies with the standardwebhooks library and a whsec_ secret', () => {
    it('accepts the delivery and reads its body', () => {
      const secret = whsec();
      const headers = deliver(secret);
      expect(new Webhook(secret).verify(BODY, headers)).toEqual(JSON.parse(BODY));
    });

    it('sends the stable delivery id, integer unix seconds and one v1 signature', () => {
      const headers = deliver(whsec());
      expect(headers[WEBHOOK_HEADERS.id]).toBe('alert-1');
      expect(headers[WEBHOOK_HEADERS.idempotencyKey]).toBe('alert-1');
      expect(headers[WEBHOOK_HEADERS.timestamp]).toMatch(/^\d+$/);
      expect(Math.abs(Number(headers[WEBHOOK_HEADERS.timestamp]) - Date.now() / 1000)).toBeLessThan(5);
      expect(headers[WEBHOOK_HEADERS.signature]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    });
  });

  describe('when the body, timestamp, id or secret differ from what was signed', () => {
    const secret = whsec();
    const headers = deliver(secret);

    it.each([
      ['a tampered body', BODY.replace('air', 'sea'), headers],
      [
        'a changed timestamp',
        BODY,
        { ...headers, [WEBHOOK_HEADERS.timestamp]: String(Number(headers[WEBHOOK_HEADERS.timestamp]) - 1) },
      ],
      ['another delivery id', BODY, { ...headers, [WEBHOOK_HEADERS.id]: 'alert-2' }],
    ])('refuses %s', (_what, body, tampered) => {
      expect(() => new Webhook(secret).verify(body, tampered)).toThrow(WebhookVerificationError);
    });

    it('refuses verification with another secret', () => {
      expect(() => new Webhook(whsec()).verify(BODY, headers)).toThrow(WebhookVerificationError);
    });
  });

  describe('when a rotated secret is still within its window', () => {
    const [current, previous] = [whsec(), whsec()];
    const headers = deliver(current, { secret: previous, expiresAt: new Date(Date.now() + HOUR) });

    it('sends both signatures, space-separated, the current one first', () => {
      expect(headers[WEBHOOK_HEADERS.signature]).toMatch(/^v1,\S+ v1,\S+$/);
      const [first, second] = headers[WEBHOOK_HEADERS.signature]!.split(' ');
      expect(first).toBe(new Webhook(current).sign('alert-1', new Date(Number(headers[WEBHOOK_HEADERS.timestamp]) * 1000), BODY));
      expect(second).toBe(
        new Webhook(previous).sign('alert-1', new Date(Number(headers[WEBHOOK_HEADERS.timestamp]) * 1000), BODY),
      );
    });

    it('verifies with the new secret and with the old one, each on its own', () => {
      expect(new Webhook(current).verify(BODY, headers)).toEqual(JSON.parse(BODY));
      expect(new Webhook(previous).verify(BODY, headers)).toEqual(JSON.parse(BODY));
      expect(() => new Webhook(whsec()).verify(BODY, headers)).toThrow(WebhookVerificationError);
    });

    it('refuses a tampered body under either secret', () => {
      for (const secret of [current, previous])
        expect(() => new Webhook(secret).verify(`${BODY} `, headers)).toThrow(WebhookVerificationError);
    });
  });

  describe('when the rotated secret has expired', () => {
    it('signs with the current secret only, so the old one no longer verifies', () => {
      const [current, previous] = [whsec(), whsec()];
      const headers = deliver(current, { secret: previous, expiresAt: new Date(Date.now() - 1) });
      expect(headers[WEBHOOK_HEADERS.signature]!.split(' ')).toHaveLength(1);
      expect(new Webhook(current).verify(BODY, headers)).toEqual(JSON.parse(BODY));
      expect(() => new Webhook(previous).verify(BODY, headers)).toThrow(WebhookVerificationError);
    });
  });

  describe('when the subscription has a legacy secret (no whsec_ prefix)', () => {
    it('signs with its UTF-8 bytes, which the library verifies as a raw key', () => {
      const legacy = 'free-form secret, ünïcode too';
      const headers = deliver(legacy);
      expect(new Webhook(new TextEncoder().encode(legacy), { format: 'raw' }).verify(BODY, headers)).toEqual(JSON.parse(BODY));
    });
  });

  describe('when a receiver still checks the deprecated x-chronicle-* headers', () => {
    it('gets the old sha256=hex HMAC of timestamp.body keyed with the current secret as text', () => {
      const [current, previous] = [whsec(), whsec()];
      const headers = deliver(current, { secret: previous, expiresAt: new Date(Date.now() + HOUR) });
      const timestamp = headers[WEBHOOK_HEADERS.legacyTimestamp]!;
      expect(timestamp).toBe(headers[WEBHOOK_HEADERS.timestamp]);
      const expected = createHmac('sha256', current).update(`${timestamp}.${BODY}`).digest('hex');
      expect(headers[WEBHOOK_HEADERS.legacySignature]).toBe(`sha256=${expected}`);
    });
  });

  describe('when any body is signed with any whsec_ secret of 24..64 bytes', () => {
    it('verifies with the library and fails once the body changes', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'binary', maxLength: 500 }),
          fc.uint8Array({ minLength: 24, maxLength: 64 }),
          fc.boolean(),
          (body, key, rotated) => {
            const secret = whsec(Buffer.from(key));
            const previous = rotated ? { secret: whsec(), expiresAt: new Date(Date.now() + HOUR) } : null;
            const headers = deliver(secret, previous, body);
            expect(() => new Webhook(secret).verify(body, headers, { jsonParse: false })).not.toThrow();
            if (previous) expect(() => new Webhook(previous.secret).verify(body, headers, { jsonParse: false })).not.toThrow();
            expect(() => new Webhook(secret).verify(`${body}x`, headers, { jsonParse: false })).toThrow(WebhookVerificationError);
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});

describe(signingSecrets.name, () => {
  const now = new Date('2026-03-01T12:00:00Z');

  describe('when the previous secret expires exactly now', () => {
    it('is no longer used', () => {
      expect(signingSecrets({ secret: 'new', previousSecret: 'old', previousSecretExpiresAt: now }, now)).toEqual(['new']);
    });
  });

  describe('when the previous secret equals the current one', () => {
    it('signs once', () => {
      const later = new Date(now.getTime() + HOUR);
      expect(signingSecrets({ secret: 'same', previousSecret: 'same', previousSecretExpiresAt: later }, now)).toEqual(['same']);
    });
  });
});

describe(signWebhook.name, () => {
  describe('when a receiver recomputes the HMAC over timestamp and body', () => {
    it('gets the same signature', () => {
      const expected = createHmac('sha256', 's3cret').update('1700000000.{"a":1}').digest('hex');
      expect(signWebhook('s3cret', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
    });
  });
});
