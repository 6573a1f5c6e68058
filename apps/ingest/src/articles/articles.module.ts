import { Module } from '@nestjs/common';
import { ArticleSubmissionService } from '@chronicle/articles';
import { ArticlesController } from './articles.controller';

@Module({ controllers: [ArticlesController], providers: [ArticleSubmissionService] })
export class ArticlesModule {}
