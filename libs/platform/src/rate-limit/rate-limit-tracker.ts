import { normalizeIp } from '@nestjs/throttler';
import { PRINCIPAL_PROPERTY, RequestWithPrincipal } from '../auth/principal';

/**
 * Whose budget a request spends: its API key, or (auth off, or no key on the request) its client
 * address, with IPv6 grouped by /64 as `@nestjs/throttler` does. Behind a proxy the address is the
 * proxy's unless Express's `trust proxy` is set.
 */
export function rateLimitTracker(request: RequestWithPrincipal & { ip?: string }): string {
  const keyId = request[PRINCIPAL_PROPERTY]?.keyId;
  if (keyId) return `key:${keyId}`;
  return `ip:${request.ip ? normalizeIp(request.ip) : 'unknown'}`;
}
