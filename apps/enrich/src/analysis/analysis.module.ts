import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { Module } from '@nestjs/common';
import { AnalysisPool } from './analysis-pool';
import { ArticleAnalysisHandler } from './article-analysis.handler';

@Module({
  controllers: [ArticleAnalysisHandler],
  providers: [
    {
      provide: AnalysisPool,
      inject: [CHRONICLE_CONFIG],
      useFactory: (config: ChronicleConfig) => new AnalysisPool(config.enrich.analysisThreads, config.enrich.sentimentEncoder),
    },
  ],
})
export class AnalysisModule {}
