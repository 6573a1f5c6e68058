import { Module } from '@nestjs/common';
import { ArticleProjectionHandler } from './article-projection.handler';

@Module({ controllers: [ArticleProjectionHandler] })
export class ArticleProjectionModule {}
