import { PersistenceModule } from '@chronicle/persistence';
import { PlatformModule } from '@chronicle/platform';
import { Module } from '@nestjs/common';
import { AnalysisProjectionModule } from './analyses/analyses.module';
import { ArticleProjectionModule } from './articles/articles.module';
import { RebuildModule } from './rebuild/rebuild.module';
import { SentimentCompactionModule } from './sentiment/sentiment.module';

@Module({
  imports: [
    PlatformModule.forService('project'),
    PersistenceModule,
    ArticleProjectionModule,
    AnalysisProjectionModule,
    SentimentCompactionModule,
    RebuildModule,
  ],
})
export class ProjectModule {}
