import { ErrorResponses, RequiresScope, ZodParams, ZodResponse, ZodValidationPipe } from '@chronicle/platform';
import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ActorReadRepository } from '../actors/actor-read.repository';
import { idParams } from '../common/request-values';
import { ArticleView, articleViewSchema } from './article.view';

const iso = (value: Date | null): string | null => (value ? new Date(value).toISOString() : null);

@RequiresScope('read')
@ApiTags('articles')
@Controller('v1/articles')
export class ArticlesController {
  private readonly actors: ActorReadRepository;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.actors = new ActorReadRepository(dataSource);
  }

  /** The article with the actors it mentions and the statements extracted from it. */
  @Get(':id')
  @ApiOperation({ summary: 'The article with the actors it mentions and the statements extracted from it' })
  @ZodParams(idParams)
  @ZodResponse(200, articleViewSchema, 'The article')
  @ErrorResponses(404)
  async get(@Param(new ZodValidationPipe(idParams)) { id }: z.infer<typeof idParams>): Promise<ArticleView> {
    const [article] = await this.dataSource.query(
      `SELECT id, url, outlet, title, body, published_at, received_at, status, analyzer_version, analyzed_at
       FROM articles WHERE id = $1`,
      [id],
    );
    if (!article) throw new NotFoundException(`no article ${id}`);
    const actors = await this.dataSource.query(
      `SELECT a.id, a.name, a.kind, a.role, m.count AS mentions, m.sentiment_score, m.sentiment_label
       FROM mentions m JOIN actors a ON a.id = m.actor_id WHERE m.article_id = $1 ORDER BY m.count DESC, a.id`,
      [id],
    );
    return {
      id: article.id,
      url: article.url,
      outlet: article.outlet,
      title: article.title,
      body: article.body,
      publishedAt: iso(article.published_at),
      receivedAt: iso(article.received_at)!,
      status: article.status,
      analyzerVersion: article.analyzer_version,
      analyzedAt: iso(article.analyzed_at),
      actors: actors.map((a: Record<string, unknown>) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        role: a.role,
        mentions: a.mentions,
        sentiment: { score: a.sentiment_score, label: a.sentiment_label },
      })),
      statements: await this.actors.statementsInArticle(id),
    };
  }
}
