import { Body, Controller, HttpCode, Inject, Post, Headers } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ArticleSubmissionDto, articleSubmissionBatchSchema } from './article-submission.dto';
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
}
