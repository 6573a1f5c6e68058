import { OutletQueries } from '@chronicle/read-models';
import { RequiresScope, ZodQuery, ZodResponse, ZodValidationPipe } from '@chronicle/platform';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { cursorParam } from '../common/keyset-cursor';
import { countAndKey, nextCursor, oneStart, sentOffset } from '../common/page-start';
import { pageLimit } from '../common/request-values';
import { outletListSchema } from './outlet.view';

const listSchema = z
  .object({ limit: pageLimit(100), offset: sentOffset, cursor: cursorParam(countAndKey).optional() })
  .superRefine(oneStart);

@RequiresScope('read')
@ApiTags('outlets')
@Controller('v1/outlets')
export class OutletsController {
  constructor(@Inject(OutletQueries) private readonly outlets: OutletQueries) {}

  /** Outlets by number of live articles, with how many distinct actors they covered. */
  @Get()
  @ApiOperation({ summary: 'Outlets by number of live articles' })
  @ZodQuery(listSchema)
  @ZodResponse(200, outletListSchema, 'One page of outlets')
  async list(
    @Query(new ZodValidationPipe(listSchema)) query: z.infer<typeof listSchema>,
  ): Promise<z.infer<typeof outletListSchema>> {
    const after = query.cursor && { articleCount: query.cursor[0], outlet: query.cursor[1] };
    const outlets = await this.outlets.list(query.limit, query.offset ?? 0, after);
    return { outlets, nextCursor: nextCursor(outlets, query.limit, (o) => [o.articleCount, o.outlet]) };
  }
}
