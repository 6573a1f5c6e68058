import { ApiScope, DEFAULT_TENANT, formatApiKey, hashApiKeySecret, StoredApiKey, TENANT_PATTERN } from '@chronicle/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import { ApiKeyStore } from './api-key.store';

export interface ApiKeyRequest {
  name: string;
  scopes: ApiScope[];
  tenant?: string;
  expiresAt?: Date | null;
}

/**
 * Makes a key with 256 random bits of secret, stores its hash and returns the key: the only time
 * it exists in clear.
 * @throws RangeError for an empty name or scope list, a bad tenant or an expiry in the past.
 */
export async function issueApiKey(store: ApiKeyStore, request: ApiKeyRequest, now = new Date()): Promise<{ key: string; stored: StoredApiKey }> {
  const tenant = request.tenant ?? DEFAULT_TENANT;
  const name = request.name.trim();
  if (name.length === 0 || name.length > 100) throw new RangeError('a key name has 1 to 100 characters');
  if (request.scopes.length === 0) throw new RangeError('a key needs at least one scope');
  if (!TENANT_PATTERN.test(tenant)) throw new RangeError('a tenant is 1-63 lower-case letters, digits, "_" or "-", starting with a letter or digit');
  if (request.expiresAt && request.expiresAt.getTime() <= now.getTime()) throw new RangeError('the expiry is already past');
  const made = formatApiKey(randomBytes(6), randomBytes(32));
  const stored = await store.insert({
    id: randomUUID(),
    name,
    prefix: made.prefix,
    secretHash: hashApiKeySecret(made.secret),
    scopes: [...new Set(request.scopes)],
    tenant,
    expiresAt: request.expiresAt ?? null,
  });
  return { key: made.key, stored };
}
