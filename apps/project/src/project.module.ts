import { PersistenceModule } from '@chronicle/persistence';
import { PlatformModule } from '@chronicle/platform';
import { Module } from '@nestjs/common';
import { AnalysisProjectionModule } from './analyses/analyses.module';
import { ArticleProjectionModule } from './articles/articles.module';
import { RebuildModule } from './rebuild/rebuild.module';
import { LedgerCompactionModule } from './ledgers/ledger-compaction.module';

@Module({
  imports: [
    PlatformModule.forService('project'),
    PersistenceModule,
    ArticleProjectionModule,
    AnalysisProjectionModule,
    LedgerCompactionModule,
    RebuildModule,
  ],
})
export class ProjectModule {}
