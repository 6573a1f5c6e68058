import { createHmac } from 'node:crypto';

/** Header names a receiver reads to verify and de-duplicate a delivery. */
export const WEBHOOK_HEADERS = {
  signature: 'x-chronicle-signature',
  timestamp: 'x-chronicle-timestamp',
  idempotencyKey: 'idempotency-key',
} as const;

/** HMAC-SHA256 over `${timestamp}.${body}`, hex, prefixed like `sha256=…`. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
