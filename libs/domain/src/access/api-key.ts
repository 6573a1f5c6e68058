import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiScope } from './api-scope';

/**
 * An API key as handed out once: `chr_<prefix>_<secret>`. The prefix (12 hex characters) is
 * public and finds the stored row; the secret (256 random bits, base64url) is stored only as
 * its SHA-256, so a leaked table does not leak usable keys.
 */
const KEY_PATTERN = /^chr_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface ApiKeyParts {
  prefix: string;
  secret: string;
}

/** Formats a key from 6 random bytes (prefix) and 32 random bytes (secret); randomness comes from the caller. */
export function formatApiKey(prefixBytes: Uint8Array, secretBytes: Uint8Array): ApiKeyParts & { key: string } {
  if (prefixBytes.length !== 6 || secretBytes.length !== 32) throw new RangeError('an API key needs 6 prefix bytes and 32 secret bytes');
  const prefix = Buffer.from(prefixBytes).toString('hex');
  const secret = Buffer.from(secretBytes).toString('base64url');
  return { prefix, secret, key: `chr_${prefix}_${secret}` };
}

/** The parts of a presented key, or null when it is not shaped like one (then no lookup is made). */
export function parseApiKey(presented: string): ApiKeyParts | null {
  const match = KEY_PATTERN.exec(presented);
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

/** SHA-256 of the secret, hex: what is stored. A fast hash suffices because the secret has 256 bits of entropy. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares in constant time, so response timing does not reveal how much of a hash matched. */
export function secretMatchesHash(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKeySecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** What is stored of a key (never its secret). */
export interface StoredApiKey {
  id: string;
  name: string;
  prefix: string;
  secretHash: string;
  scopes: ApiScope[];
  tenant: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export type ApiKeyVerdict =
  | { outcome: 'valid'; key: StoredApiKey }
  | { outcome: 'unauthenticated'; reason: 'malformed' | 'unknown' | 'revoked' | 'expired' };

/**
 * Judges a presented key against the row its prefix found (or none). Unknown, wrong-secret,
 * revoked and expired keys all mean 401 to the caller; the reason is for logs only.
 */
export function verifyApiKey(presented: string, stored: StoredApiKey | null, now: Date): ApiKeyVerdict {
  const parts = parseApiKey(presented);
  if (!parts) return { outcome: 'unauthenticated', reason: 'malformed' };
  if (!stored || stored.prefix !== parts.prefix || !secretMatchesHash(parts.secret, stored.secretHash)) {
    return { outcome: 'unauthenticated', reason: 'unknown' };
  }
  if (stored.revokedAt !== null && stored.revokedAt.getTime() <= now.getTime()) return { outcome: 'unauthenticated', reason: 'revoked' };
  if (stored.expiresAt !== null && stored.expiresAt.getTime() <= now.getTime()) return { outcome: 'unauthenticated', reason: 'expired' };
  return { outcome: 'valid', key: stored };
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match ? match[1]! : null;
}

/** Tenants are short identifiers: they appear in logs and in every tenant-owned row. */
export const TENANT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** The tenant a key gets when none is named. */
export const DEFAULT_TENANT = 'default';
