import { webhookPort, WebhookTargetPolicy } from '@chronicle/domain';
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { LookupFunction } from 'node:net';

/** Raised (through the socket's DNS lookup) when a URL's host is, or resolves to, an address the policy refuses. */
export class TargetRefusedError extends Error {
  constructor(readonly refusal: string) {
    super(`target refused: ${refusal}`);
    this.name = 'TargetRefusedError';
  }
}

/**
 * Enforces a `WebhookTargetPolicy` where a socket connects (webhook deliveries and feed fetches):
 * IP literals are checked before connecting (Node does no lookup for them) and names through a
 * DNS lookup that refuses non-public addresses, so a name that re-resolves to an internal address
 * between checks (DNS rebinding) is refused too. Every redirect hop must pass through here.
 */
export class TargetGuard {
  constructor(private readonly policy: WebhookTargetPolicy) {}

  /** Why a URL is refused before any connection (scheme, credentials, a refused IP literal), or null. */
  refusalBeforeConnect(url: URL): string | null {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} URLs are not fetched (http or https only)`;
    if (url.username || url.password) return 'URLs with credentials are not fetched';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = webhookPort(url);
    const literal = /^[\d.]+$/.test(host) || host.includes(':');
    if (!literal || this.policy.allowsHost(host, port)) return null;
    return this.policy.refusalForAddress(host, port);
  }

  /** A `lookup` for `http.request` that fails with `TargetRefusedError` when any resolved address is refused. */
  lookupFor(port: number): LookupFunction {
    const policy = this.policy;
    return ((hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
      dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, options.all ? [] : '', 0);
        if (!policy.allowsHost(hostname, port)) {
          for (const { address } of addresses) {
            const refusal = policy.refusalForAddress(address, port);
            if (refusal) return callback(new TargetRefusedError(`${hostname} resolves to ${refusal}`), options.all ? [] : '', 0);
          }
        }
        if (options.all) return callback(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    }) as unknown as LookupFunction;
  }
}
