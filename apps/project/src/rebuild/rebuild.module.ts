import { Module } from '@nestjs/common';
import { RebuildWorker } from './rebuild.worker';

@Module({ providers: [RebuildWorker] })
export class RebuildModule {}
