import { CHRONICLE_CONFIG, ChronicleConfig, ConfigModule } from '@chronicle/config';
import { ConsumerHealth } from '@chronicle/kafka';
import { ApiKeyStore } from '@chronicle/persistence';
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './auth/api-key.guard';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';
import { KeyThrottlerGuard } from './rate-limit/key-throttler.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';

/** Services that serve routes besides health and metrics: they count requests per key. */
const RATE_LIMITED_SERVICES = new Set(['api', 'ingest', 'feeds']);

/** Whether a service counts requests per key (and so can answer 429). */
export function isRateLimited(service: string): boolean {
  return RATE_LIMITED_SERVICES.has(service);
}

/** Health, metrics and configuration: what every Chronicle service has. */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(@Inject(ApiKeyStore) private readonly apiKeys: ApiKeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.apiKeys.close();
  }

  static forService(service: string): DynamicModule {
    const limited = isRateLimited(service);
    return {
      module: PlatformModule,
      imports: [ConfigModule.forRoot(), ...(limited ? [RateLimitModule] : [])],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: MetricsRegistry, useValue: new MetricsRegistry(service) },
        {
          provide: ConsumerHealth,
          inject: [CHRONICLE_CONFIG],
          useFactory: (config: ChronicleConfig) =>
            new ConsumerHealth({
              stallMs: config.consumer.stallSeconds * 1000,
              deadLettersPerMinute: config.consumer.deadLettersPerMinute,
            }),
        },
        {
          provide: ApiKeyStore,
          inject: [CHRONICLE_CONFIG],
          useFactory: (config: ChronicleConfig) => ApiKeyStore.connect(config.database.url),
        },
        // Guards run in this order: the key is known before its requests are counted.
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        ...(limited ? [{ provide: APP_GUARD, useClass: KeyThrottlerGuard }] : []),
      ],
      exports: [MetricsRegistry, ConsumerHealth, ApiKeyStore],
    };
  }
}
