import 'reflect-metadata';
import { bootstrapService } from '@chronicle/platform';
import { IngestModule } from './ingest.module';

void bootstrapService(IngestModule, {
  name: 'ingest',
  port: (config) => config.ports.ingest,
  // Derived from MAX_ARTICLE_BYTES: one article at the limit in JSON's worst escaping fits, so an
  // article's size is judged by the per-article 413 (and the message limit), not the parser.
  bodyLimitBytes: (config) => config.limits.maxRequestBytes,
});
