import 'reflect-metadata';
import { bootstrapService } from '@chronicle/platform';
import { IngestModule } from './ingest.module';

void bootstrapService(IngestModule, {
  name: 'ingest',
  port: (config) => config.ports.ingest,
  // Room for a batch of articles at the per-article limit; larger bodies get 413.
  bodyLimitBytes: (config) => config.limits.maxArticleBytes * 4,
});
