import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedSourceRepository } from './feed-source.repository';
import { FeedSourcesController } from './feed-sources.controller';

@Module({
  controllers: [FeedSourcesController],
  providers: [
    {
      provide: FeedSourceRepository,
      useFactory: (dataSource: DataSource) => new FeedSourceRepository(dataSource),
      inject: [DataSource],
    },
  ],
})
export class FeedSourcesModule {}
