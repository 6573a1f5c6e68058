import { normalizeCorrelationId } from '@chronicle/contracts';
import {
  BodyLimit,
  ErrorResponses,
  RequiresScope,
  ZodBody,
  ZodParams,
  ZodResponse,
  ZodValidationPipe,
} from '@chronicle/platform';
import { Body, Controller, Delete, Headers, HttpCode, Inject, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import {
  ArticleRetractionDto,
  ArticleRevisionDto,
  ArticleSubmissionDto,
  articleIdParamSchema,
  articleIdSchema,
  articleRetractionSchema,
  articleRevisionSchema,
  articleSubmissionBatchSchema,
  articleSubmissionBodySchema,
} from '@chronicle/articles';
import { AcceptedArticles, acceptedArticlesSchema } from './accepted-articles.view';
import { ArticleSubmissionService } from '@chronicle/articles';
import { JsonContentTypeGuard } from './json-content-type.guard';

/** An unusable `x-correlation-id` (empty, over-long, not printable ASCII) is replaced, never propagated. */
const correlationIdOf = (header: string | string[] | undefined): string => normalizeCorrelationId(header, randomUUID);

/** Path parameters as documented: the pipe on `@Param('id')` validates `id` with the same grammar. */
const articlePathSchema = z.object({ id: articleIdSchema });

const CORRELATION_ID = {
  name: 'x-correlation-id',
  required: false,
  description: "Carried on the events' metadata; an unusable value (empty, over-long, not printable ASCII) is replaced",
};

@RequiresScope('ingest')
@ApiTags('articles')
@Controller('v1/articles')
@UseGuards(JsonContentTypeGuard)
@ApiHeader(CORRELATION_ID)
@ErrorResponses(413, 415)
export class ArticlesController {
  constructor(@Inject(ArticleSubmissionService) private readonly submissions: ArticleSubmissionService) {}

  /** Accepts one article or an array; 202 once they are durably on the articles topic. */
  // One article at MAX_ARTICLE_BYTES in JSON's worst escaping fits: an article's size is judged by
  // the per-article 413 (and the message limit), not the parser.
  @BodyLimit((config) => config.limits.maxRequestBytes)
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Submits one article or an array of them' })
  @ZodBody(articleSubmissionBodySchema)
  @ZodResponse(202, acceptedArticlesSchema, 'Accepted: an ArticleSubmitted per article is on the articles topic')
  async submit(
    @Body(new ZodValidationPipe(articleSubmissionBatchSchema)) body: ArticleSubmissionDto | ArticleSubmissionDto[],
    @Headers('x-correlation-id') correlationId?: string | string[],
  ): Promise<AcceptedArticles> {
    const articles = Array.isArray(body) ? body : [body];
    return { ids: await this.submissions.submit(articles, correlationIdOf(correlationId)) };
  }

  /** A new version of the article; 202 once ArticleRevised is on the articles topic. */
  @BodyLimit((config) => config.limits.maxRequestBytes)
  @Put(':id')
  @HttpCode(202)
  @ApiOperation({ summary: 'Submits a new version of the article' })
  @ZodParams(articlePathSchema)
  @ZodBody(articleRevisionSchema)
  @ZodResponse(202, acceptedArticlesSchema, 'Accepted: ArticleRevised is on the articles topic')
  async revise(
    @Param('id', new ZodValidationPipe(articleIdParamSchema)) id: string,
    @Body(new ZodValidationPipe(articleRevisionSchema)) body: ArticleRevisionDto,
    @Headers('x-correlation-id') correlationId?: string | string[],
  ): Promise<AcceptedArticles> {
    return { ids: [await this.submissions.revise(id, body, correlationIdOf(correlationId))] };
  }

  /** Retracts the article; 202 once ArticleRetracted is on the articles topic. */
  @Delete(':id')
  @HttpCode(202)
  @ApiOperation({ summary: 'Retracts the article' })
  @ZodParams(articlePathSchema)
  @ZodBody(articleRetractionSchema)
  @ZodResponse(202, acceptedArticlesSchema, 'Accepted: ArticleRetracted is on the articles topic')
  async retract(
    @Param('id', new ZodValidationPipe(articleIdParamSchema)) id: string,
    @Body(new ZodValidationPipe(articleRetractionSchema)) body: ArticleRetractionDto,
    @Headers('x-correlation-id') correlationId?: string | string[],
  ): Promise<AcceptedArticles> {
    return { ids: [await this.submissions.retract(id, body, correlationIdOf(correlationId))] };
  }
}
