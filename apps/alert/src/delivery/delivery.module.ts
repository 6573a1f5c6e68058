import { Module } from '@nestjs/common';
import { AlertDispatchWorker } from './alert-dispatch.worker';

@Module({ providers: [AlertDispatchWorker], exports: [AlertDispatchWorker] })
export class DeliveryModule {}
