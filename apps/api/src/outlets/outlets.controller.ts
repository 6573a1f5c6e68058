import { RequiresScope, ZodValidationPipe } from '@chronicle/platform';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { pageLimit, pageOffset } from '../common/request-values';

const listSchema = z.object({ limit: pageLimit(100), offset: pageOffset });

interface OutletView {
  outlet: string;
  articleCount: number;
  actorCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

@RequiresScope('read')
@Controller('v1/outlets')
export class OutletsController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Outlets by number of live articles, with how many distinct actors they covered. */
  @Get()
  async list(@Query(new ZodValidationPipe(listSchema)) query: z.infer<typeof listSchema>): Promise<{ outlets: OutletView[] }> {
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
