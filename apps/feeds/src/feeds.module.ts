import { KafkaModule } from '@chronicle/kafka';
import { PersistenceModule } from '@chronicle/persistence';
import { PlatformModule } from '@chronicle/platform';
import { Module } from '@nestjs/common';
import { PollingModule } from './polling/polling.module';
import { FeedSourcesModule } from './sources/feed-sources.module';

@Module({ imports: [PlatformModule.forService('feeds'), PersistenceModule, KafkaModule, FeedSourcesModule, PollingModule] })
export class FeedsModule {}
