import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { Global, Module } from '@nestjs/common';
import { minutes, ThrottlerModule, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { RATE_LIMIT_BUCKETS, RateLimitBucket } from './key-throttler.guard';
import { LiveStreamSlots } from './live-stream-slots';
import { LiveStreamSlotsInterceptor } from './live-stream-slots.interceptor';
import { PostgresThrottlerStorage } from './postgres-throttler-storage';

/** The shared counters, over their own pool (ingest has no TypeORM DataSource). */
@Module({
  providers: [
    {
      provide: PostgresThrottlerStorage,
      inject: [CHRONICLE_CONFIG],
      useFactory: (config: ChronicleConfig) => PostgresThrottlerStorage.connect(config.database.url),
    },
  ],
  exports: [PostgresThrottlerStorage],
})
class RateLimitStorageModule {}

/**
 * The per-key budgets, per minute from `RATE_LIMIT_READ_PER_MINUTE` and
 * `RATE_LIMIT_INGEST_PER_MINUTE`. A key over budget is refused until its minute is over
 * (`blockDuration` 0: a plain fixed window, so `Retry-After` is the rest of that minute).
 */
export function rateLimitOptions(config: ChronicleConfig, storage: ThrottlerStorage): ThrottlerModuleOptions {
  const limits: Record<RateLimitBucket, number> = config.auth.ratePerMinute;
  return {
    storage,
    throttlers: RATE_LIMIT_BUCKETS.map((name) => ({ name, limit: limits[name], ttl: minutes(1), blockDuration: 0 })),
  };
}

/**
 * Rate limits shared by every replica (counts in Postgres) and the live stream caps of this
 * process. Import once, in a service's root module (after PlatformModule, for the config); register
 * `KeyThrottlerGuard` as an `APP_GUARD` after the auth guard.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [CHRONICLE_CONFIG, PostgresThrottlerStorage],
      useFactory: rateLimitOptions,
    }),
  ],
  providers: [LiveStreamSlots, LiveStreamSlotsInterceptor],
  exports: [LiveStreamSlots, LiveStreamSlotsInterceptor],
})
export class RateLimitModule {}
