import { Module } from '@nestjs/common';
import { AnalysisProjectionHandler } from './analysis-projection.handler';

@Module({ controllers: [AnalysisProjectionHandler] })
export class AnalysisProjectionModule {}
