import { Module } from '@nestjs/common';
import { ArticleAnalysisHandler } from './article-analysis.handler';

@Module({ controllers: [ArticleAnalysisHandler] })
export class AnalysisModule {}
