import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { AlertMatchingHandler } from './alert-matching.handler';

@Module({ imports: [DeliveryModule], controllers: [AlertMatchingHandler] })
export class AlertMatchingModule {}
