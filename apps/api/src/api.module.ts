import { PersistenceModule } from '@chronicle/persistence';
import { PlatformModule } from '@chronicle/platform';
import { Module } from '@nestjs/common';
import { ActorsModule } from './actors/actors.module';
import { AlertsModule } from './alerts/alerts.module';
import { AdminModule } from './admin/admin.module';
import { OutletsModule } from './outlets/outlets.module';
import { ArticlesModule } from './articles/articles.module';
import { ReadModelQueriesModule } from './read-models/read-model-queries.module';
import { StatementsModule } from './statements/statements.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { TrendsModule } from './trends/trends.module';

@Module({
  imports: [
    PlatformModule.forService('api'),
    PersistenceModule,
    ReadModelQueriesModule,
    ActorsModule,
    ArticlesModule,
    SubscriptionsModule,
    AdminModule,
    OutletsModule,
    AlertsModule,
    StatementsModule,
    TrendsModule,
  ],
})
export class ApiModule {}
