import 'reflect-metadata';
import { bootstrapService } from '@chronicle/platform';
import { EnrichModule } from './enrich.module';

void bootstrapService(EnrichModule, {
  name: 'enrich',
  port: (config) => config.ports.enrich,
  consumer: { group: 'enrich', topics: ['articles'] },
});
