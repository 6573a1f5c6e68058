import { normalizeCorrelationId } from '@chronicle/contracts';
import { RequiresScope, ZodValidationPipe } from '@chronicle/platform';
import { Body, Controller, Delete, Headers, HttpCode, Inject, Param, Post, Put, UseGuards } from '@nestjs/common';
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
import { JsonContentTypeGuard } from './json-content-type.guard';

/** An unusable `x-correlation-id` (empty, over-long, not printable ASCII) is replaced, never propagated. */
const correlationIdOf = (header: string | string[] | undefined): string => normalizeCorrelationId(header, randomUUID);

@RequiresScope('ingest')
@Controller('v1/articles')
@UseGuards(JsonContentTypeGuard)
export class ArticlesController {
  constructor(@Inject(ArticleSubmissionService) private readonly submissions: ArticleSubmissionService) {}

  /** Accepts one article or an array; 202 once they are durably on the articles topic. */
  @Post()
  @HttpCode(202)
  async submit(
    @Body(new ZodValidationPipe(articleSubmissionBatchSchema)) body: ArticleSubmissionDto | ArticleSubmissionDto[],
    @Headers('x-correlation-id') correlationId?: string | string[],
  ): Promise<{ ids: string[] }> {
    const articles = Array.isArray(body) ? body : [body];
    return { ids: await this.submissions.submit(articles, correlationIdOf(correlationId)) };
  }

  /** A new version of the article; 202 once ArticleRevised is on the articles topic. */
  @Put(':id')
  @HttpCode(202)
  async revise(
    @Param('id', new ZodValidationPipe(articleIdParamSchema)) id: string,
    @Body(new ZodValidationPipe(articleRevisionSchema)) body: ArticleRevisionDto,
    @Headers('x-correlation-id') correlationId?: string | string[],
  ): Promise<{ ids: string[] }> {
    return { ids: [await this.submissions.revise(id, body, correlationIdOf(correlationId))] };
  }

  /** Retracts the article; 202 once ArticleRetracted is on the articles topic. */
  @Delete(':id')
  @HttpCode(202)
  async retract(
    @Param('id', new ZodValidationPipe(articleIdParamSchema)) id: string,
    @Body(new ZodValidationPipe(articleRetractionSchema)) body: ArticleRetractionDto,
    @Headers('x-correlation-id') correlationId?: string | string[],
  ): Promise<{ ids: string[] }> {
    return { ids: [await this.submissions.retract(id, body, correlationIdOf(correlationId))] };
  }
}
