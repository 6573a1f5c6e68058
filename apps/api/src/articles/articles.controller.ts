import { ErrorResponses, RequiresScope, ZodParams, ZodResponse, ZodValidationPipe } from '@chronicle/platform';
import { ArticleQueries, ContributionQueries } from '@chronicle/read-models';
import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { idParams } from '../common/request-values';
import { ArticleView, articleViewSchema } from './article.view';

@RequiresScope('read')
@ApiTags('articles')
@Controller('v1/articles')
export class ArticlesController {
  constructor(
    @Inject(ArticleQueries) private readonly articles: ArticleQueries,
    @Inject(ContributionQueries) private readonly contributions: ContributionQueries,
  ) {}

  /** The article with the actors it mentions, the statements extracted from it and its stances. */
  @Get(':id')
  @ApiOperation({ summary: 'The article with the actors it mentions, the statements extracted from it and its stances' })
  @ZodParams(idParams)
  @ZodResponse(200, articleViewSchema, 'The article')
  @ErrorResponses(404)
  async get(@Param(new ZodValidationPipe(idParams)) { id }: z.infer<typeof idParams>): Promise<ArticleView> {
    const article = await this.articles.findById(id);
    if (!article) throw new NotFoundException(`no article ${id}`);
    // An article contributes rows only while an analysis is recorded on it (the projector writes both in one
    // transaction and clears both on retraction), so one not analysed yet needs no further query: clients poll
    // an article they have just submitted until its analysis shows.
    if (article.analyzedAt === null) return { ...article, actors: [], statements: [] };
    const [actors, statements] = await Promise.all([
      this.contributions.actorsInArticle(id),
      this.contributions.statementsInArticle(id),
    ]);
    return { ...article, actors, statements };
  }
}
