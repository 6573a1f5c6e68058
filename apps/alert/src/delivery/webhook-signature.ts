import { createHmac } from 'node:crypto';

/** Header names a receiver reads to verify and de-duplicate a delivery. */
export const WEBHOOK_HEADERS = {
  /** Standard Webhooks: the delivery's id, the same on every retry (the alert id). */
  id: 'webhook-id',
  /** Standard Webhooks: integer unix seconds when this attempt was signed. */
  timestamp: 'webhook-timestamp',
  /** Standard Webhooks: `v1,<base64 HMAC-SHA256>`, space-separated when a rotated secret also signs. */
  signature: 'webhook-signature',
  idempotencyKey: 'idempotency-key',
  /** @deprecated Chronicle's own scheme, sent for one more release; use `webhook-signature`. */
  legacySignature: 'x-chronicle-signature',
  /** @deprecated sent alongside `legacySignature`; the same value as `webhook-timestamp`. */
  legacyTimestamp: 'x-chronicle-timestamp',
} as const;

const SECRET_PREFIX = 'whsec_';
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The HMAC key of a subscription secret. A `whsec_<base64>` secret signs with the decoded bytes after
 * the prefix, exactly as the `standardwebhooks` library (and Svix's) reads it. A legacy secret (free
 * form, from before Standard Webhooks; deprecated) signs with its UTF-8 bytes: receivers pass those
 * as a raw key, `new Webhook(new TextEncoder().encode(secret), { format: 'raw' })`.
 */
export function webhookSigningKey(secret: string): Buffer {
  if (secret.startsWith(SECRET_PREFIX)) {
    const encoded = secret.slice(SECRET_PREFIX.length);
    if (encoded.length > 0 && CANONICAL_BASE64.test(encoded)) return Buffer.from(encoded, 'base64');
  }
  return Buffer.from(secret, 'utf8');
}

/**
 * The `webhook-signature` value: `v1,<base64 HMAC-SHA256(key, id.timestamp.body)>` for each secret,
 * space-separated (Standard Webhooks lets a receiver accept any one of them, which is how rotation works).
 */
export function signStandardWebhook(secrets: readonly string[], id: string, timestampSeconds: number, body: string): string {
  return secrets
    .map(
      (secret) =>
        `v1,${createHmac('sha256', webhookSigningKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`,
    )
    .join(' ');
}

/**
 * @deprecated Chronicle's pre-Standard-Webhooks scheme, kept for one release: HMAC-SHA256 keyed with the
 * secret's UTF-8 bytes (whatever its form) over `${timestamp}.${body}`, hex, prefixed like `sha256=…`.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** A subscription's secrets as stored: the current one and, after a rotation, the one it replaced until it expires. */
export interface SubscriptionSecrets {
  secret: string | null;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The secrets that sign a delivery at `now`: the current one, then the replaced one while its window is open. */
export function signingSecrets({ secret, previousSecret, previousSecretExpiresAt }: SubscriptionSecrets, now: Date): string[] {
  const current = secret ?? '';
  const previousValid =
    previousSecret !== null &&
    previousSecretExpiresAt !== null &&
    new Date(previousSecretExpiresAt).getTime() > now.getTime() &&
    previousSecret !== current;
  return previousValid ? [current, previousSecret] : [current];
}

/** Every signing header of one delivery attempt: Standard Webhooks, the idempotency key and the deprecated x-chronicle-* pair. */
export function webhookSignatureHeaders(
  delivery: { id: string; body: string; now: Date },
  secrets: SubscriptionSecrets,
): Record<string, string> {
  const timestampSeconds = Math.floor(delivery.now.getTime() / 1000);
  const active = signingSecrets(secrets, delivery.now);
  return {
    [WEBHOOK_HEADERS.id]: delivery.id,
    [WEBHOOK_HEADERS.timestamp]: String(timestampSeconds),
    [WEBHOOK_HEADERS.signature]: signStandardWebhook(active, delivery.id, timestampSeconds, delivery.body),
    [WEBHOOK_HEADERS.idempotencyKey]: delivery.id,
    [WEBHOOK_HEADERS.legacyTimestamp]: String(timestampSeconds),
    [WEBHOOK_HEADERS.legacySignature]: signWebhook(active[0]!, String(timestampSeconds), delivery.body),
  };
}
