import 'reflect-metadata';
import { bootstrapService } from '@chronicle/platform';
import { FeedsModule } from './feeds.module';

void bootstrapService(FeedsModule, {
  name: 'feeds',
  port: (config) => config.ports.feeds,
});
