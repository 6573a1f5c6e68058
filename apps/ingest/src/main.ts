import 'reflect-metadata';
import { bootstrapService } from '@chronicle/platform';
import { IngestModule } from './ingest.module';

void bootstrapService(IngestModule, {
  name: 'ingest',
  port: (config) => config.ports.ingest,
});
