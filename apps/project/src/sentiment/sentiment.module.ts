import { Module } from '@nestjs/common';
import { SentimentCompactionWorker } from './sentiment-compaction.worker';

@Module({ providers: [SentimentCompactionWorker] })
export class SentimentCompactionModule {}
