import { CHRONICLE_CONFIG, ChronicleConfig, ConfigModule } from '@chronicle/config';
import { ConsumerHealth } from '@chronicle/kafka';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';

/** Health, metrics and configuration: what every Chronicle service has. */
@Global()
@Module({})
export class PlatformModule {
  static forService(service: string): DynamicModule {
    return {
      module: PlatformModule,
      imports: [ConfigModule.forRoot()],
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
      ],
      exports: [MetricsRegistry, ConsumerHealth],
    };
  }
}
