import { Body, Controller, Delete, Headers, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ArticleRetractionDto,
  ArticleRevisionDto,
  ArticleSubmissionDto,
  articleIdParamSchema,
  articleRetractionSchema,
  articleRevisionSchema,
  articleSubmissionBatchSchema,
} from './article-submission.dto';
import { ArticleSubmissionService } from './article-submission.service';
import { ZodValidationPipe } from '@chronicle/platform';

@Controller('v1/articles')
export class ArticlesController {
  constructor(@Inject(ArticleSubmissionService) private readonly submissions: ArticleSubmissionService) {}

  /** Accepts one article or an array; 202 once they are durably on the articles topic. */
  @Post()
  @HttpCode(202)
  async submit(
    @Body(new ZodValidationPipe(articleSubmissionBatchSchema)) body: ArticleSubmissionDto | ArticleSubmissionDto[],
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<{ ids: string[] }> {
    const articles = Array.isArray(body) ? body : [body];
    return { ids: await this.submissions.submit(articles, correlationId ?? randomUUID()) };
  }

  /** A new version of the article; 202 once ArticleRevised is on the articles topic. */
  @Put(':id')
  @HttpCode(202)
  async revise(
    @Param('id', new ZodValidationPipe(articleIdParamSchema)) id: string,
    @Body(new ZodValidationPipe(articleRevisionSchema)) body: ArticleRevisionDto,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<{ ids: string[] }> {
    return { ids: [await this.submissions.revise(id, body, correlationId ?? randomUUID())] };
  }

  /** Retracts the article; 202 once ArticleRetracted is on the articles topic. */
  @Delete(':id')
  @HttpCode(202)
  async retract(
    @Param('id', new ZodValidationPipe(articleIdParamSchema)) id: string,
    @Body(new ZodValidationPipe(articleRetractionSchema)) body: ArticleRetractionDto,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<{ ids: string[] }> {
    return { ids: [await this.submissions.retract(id, body, correlationId ?? randomUUID())] };
  }
}
