import { KafkaModule } from '@chronicle/kafka';
import { PlatformModule } from '@chronicle/platform';
import { Module } from '@nestjs/common';
import { AnalysisModule } from './analysis/analysis.module';

@Module({ imports: [PlatformModule.forService('enrich'), KafkaModule, AnalysisModule] })
export class EnrichModule {}
