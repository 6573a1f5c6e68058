import { Module } from '@nestjs/common';
import { ArticleSubmissionService } from './article-submission.service';
import { ArticlesController } from './articles.controller';

@Module({ controllers: [ArticlesController], providers: [ArticleSubmissionService] })
export class ArticlesModule {}
