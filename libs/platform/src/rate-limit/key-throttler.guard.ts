import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler';
import { ApiScope } from '@chronicle/domain';
import { PUBLIC_ROUTE, REQUIRED_SCOPE } from '../auth/route-access.decorator';
import { rateLimitTracker } from './rate-limit-tracker';

const STORAGE_WARNING_INTERVAL_MS = 60_000;
/** After the counters fail, how long requests pass uncounted before they are tried again. */
const COUNTERS_RETRY_MS = 5_000;

/** The named throttlers: each key has one budget for ingest routes and one for everything else. */
export const RATE_LIMIT_BUCKETS = ['read', 'ingest'] as const;
export type RateLimitBucket = (typeof RATE_LIMIT_BUCKETS)[number];

/** Routes that need the `ingest` scope spend the ingest budget; every other keyed route the read budget. */
export function rateLimitBucketOf(scope: ApiScope | undefined): RateLimitBucket {
  return scope === 'ingest' ? 'ingest' : 'read';
}

/**
 * `ThrottlerGuard` by API key rather than by address, with one bucket per key across all the
 * routes of a kind (not one per route). Runs after the auth guard, which sets the principal.
 * Public routes (health probes) and non-HTTP handlers are never counted.
 */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  private lastStorageWarningAt = 0;
  private countersDownUntil = 0;

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) === true
    );
  }

  /** Each request counts in its route's bucket only; the other named throttler lets it pass uncounted. */
  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<ApiScope | undefined>(REQUIRED_SCOPE, [
      request.context.getHandler(),
      request.context.getClass(),
    ]);
    if (request.throttler.name !== rateLimitBucketOf(scope)) return true;
    if (Date.now() < this.countersDownUntil) return true;
    try {
      return await super.handleRequest(request);
    } catch (error) {
      if (error instanceof ThrottlerException) throw error;
      this.letThroughUncounted(error);
      return true;
    }
  }

  /**
   * Fails open when the counters cannot be reached: limits are for fairness, and ingest (which
   * otherwise needs only Kafka) must keep accepting articles while Postgres is away. The counters
   * are left alone for a few seconds after a failure, so requests do not each wait out a connect
   * timeout; said once a minute at most, so an outage does not flood the log.
   */
  private letThroughUncounted(error: unknown): void {
    const now = Date.now();
    this.countersDownUntil = now + COUNTERS_RETRY_MS;
    if (now - this.lastStorageWarningAt < STORAGE_WARNING_INTERVAL_MS) return;
    this.lastStorageWarningAt = now;
    this.logger.warn(
      `Rate limits not enforced: counters unavailable (${error instanceof Error ? error.message : String(error)})`,
    );
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return rateLimitTracker(request);
  }

  /** The tracker alone: the storage keeps each throttler's counts apart already, and routes share a bucket. */
  protected override generateKey(_context: ExecutionContext, tracker: string): string {
    return tracker;
  }

  /** The base guard names the header `Retry-After-<throttler>`; clients and proxies read plain `Retry-After`. */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'Retry-After', Math.max(1, detail.timeToBlockExpire));
    await super.throwThrottlingException(context, detail);
  }
}
