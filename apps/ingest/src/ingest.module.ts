import { KafkaModule } from '@chronicle/kafka';
import { PlatformModule } from '@chronicle/platform';
import { Module } from '@nestjs/common';
import { ArticlesModule } from './articles/articles.module';

@Module({ imports: [PlatformModule.forService('ingest'), KafkaModule, ArticlesModule] })
export class IngestModule {}
