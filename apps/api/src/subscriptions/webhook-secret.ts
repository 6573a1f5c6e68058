import { randomBytes } from 'node:crypto';

/** Standard Webhooks secrets are `whsec_` + base64 of the HMAC key's bytes. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const KEY_BYTES = { min: 24, max: 64 };

/** A new signing secret: `whsec_` + base64 of 32 random bytes, as Standard Webhooks libraries read it. */
export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * Why a client-supplied secret cannot sign, or null. A `whsec_` secret must be standard, padded
 * base64 of 24..64 bytes (what the `standardwebhooks` library decodes). Any other text of 16..200
 * characters is a legacy secret, still accepted for one release (deprecated): it signs with its UTF-8 bytes.
 */
export function webhookSecretProblem(secret: string): string | null {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) return null;
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!CANONICAL_BASE64.test(encoded)) return 'a "whsec_" secret must be followed by standard, padded base64';
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.toString('base64') !== encoded) return 'a "whsec_" secret must be followed by standard, padded base64';
  if (bytes.length < KEY_BYTES.min || bytes.length > KEY_BYTES.max)
    return `a "whsec_" secret must encode ${KEY_BYTES.min} to ${KEY_BYTES.max} bytes (got ${bytes.length})`;
  return null;
}
