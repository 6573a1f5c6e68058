import { Module } from '@nestjs/common';
import { FeedSourcesController } from './feed-sources.controller';

@Module({ controllers: [FeedSourcesController] })
export class FeedSourcesModule {}
