import { webhookPort, WebhookTargetPolicy } from '@chronicle/domain';
import { TargetGuard, TargetRefusedError } from '@chronicle/platform';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Thrown when a webhook target is refused by the address policy; not worth retrying soon, but retried like any failure. */
export class WebhookTargetRefusedError extends Error {
  constructor(reason: string) {
    super(`webhook target refused: ${reason}`);
    this.name = 'WebhookTargetRefusedError';
  }
}

/**
 * POSTs webhooks over keep-alive connections. The address policy is enforced where the socket
 * connects (a custom DNS lookup that refuses non-public addresses), so a name that re-resolves
 * to an internal address between subscription and delivery (DNS rebinding) is refused too.
 * Redirects are never followed: a 3xx is a failed attempt.
 */
export class WebhookHttpClient {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

  private readonly guard: TargetGuard;

  constructor(policy: WebhookTargetPolicy) {
    this.guard = new TargetGuard(policy);
  }

  /** Sends the body; resolves with the HTTP status, rejects on refusal, network error or timeout. */
  async post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
    const target = new URL(url);
    const refusal = this.guard.refusalBeforeConnect(target);
    if (refusal) throw new WebhookTargetRefusedError(refusal);
    const lookup = this.guard.lookupFor(webhookPort(target));
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const request = send(target, {
        method: 'POST',
        agent: target.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
        lookup,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      });
      const timer = setTimeout(() => request.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => {
          clearTimeout(timer);
          resolve(response.statusCode ?? 0);
        });
        response.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      });
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/**
 * What a failed attempt records (and the API shows the subscriber): the policy's refusal, or one
 * phrase for every network failure. Refused, reset, unreachable and timed out all read the same, so
 * a subscriber cannot use deliveries to learn which private ports are open; the log keeps the detail.
 */
export function deliveryFailureReason(error: unknown): string {
  if (error instanceof WebhookTargetRefusedError) return error.message;
  // Refused where the socket connects (a name resolving to a refused address): the policy's words too.
  if (error instanceof TargetRefusedError) return `webhook target refused: ${error.refusal}`;
  return 'no HTTP answer from the target (connection failed or timed out)';
}
