import { Module } from '@nestjs/common';
import { AlertMatchingHandler } from './alert-matching.handler';

@Module({ controllers: [AlertMatchingHandler] })
export class AlertMatchingModule {}
