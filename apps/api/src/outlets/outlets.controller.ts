import { RequiresScope, ZodQuery, ZodResponse, ZodValidationPipe } from '@chronicle/platform';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { pageLimit, pageOffset } from '../common/request-values';
import { outletListSchema } from './outlet.view';

const listSchema = z.object({ limit: pageLimit(100), offset: pageOffset });

@RequiresScope('read')
@ApiTags('outlets')
@Controller('v1/outlets')
export class OutletsController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Outlets by number of live articles, with how many distinct actors they covered. */
  @Get()
  @ApiOperation({ summary: 'Outlets by number of live articles' })
  @ZodQuery(listSchema)
  @ZodResponse(200, outletListSchema, 'One page of outlets')
  async list(
    @Query(new ZodValidationPipe(listSchema)) query: z.infer<typeof listSchema>,
  ): Promise<z.infer<typeof outletListSchema>> {
    const rows: Array<{
      outlet: string;
      article_count: number;
      actor_count: number;
      first_seen: Date | null;
      last_seen: Date | null;
    }> = await this.dataSource.query(
      'SELECT outlet, article_count, actor_count, first_seen, last_seen FROM outlets ORDER BY article_count DESC, outlet LIMIT $1 OFFSET $2',
      [query.limit, query.offset],
    );
    return {
      outlets: rows.map((r) => ({
        outlet: r.outlet,
        articleCount: r.article_count,
        actorCount: r.actor_count,
        firstSeen: r.first_seen ? new Date(r.first_seen).toISOString() : null,
        lastSeen: r.last_seen ? new Date(r.last_seen).toISOString() : null,
      })),
    };
  }
}
