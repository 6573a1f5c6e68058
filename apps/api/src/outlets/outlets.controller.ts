import { OutletQueries } from '@chronicle/read-models';
import { RequiresScope, ZodQuery, ZodResponse, ZodValidationPipe } from '@chronicle/platform';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { pageLimit, pageOffset } from '../common/request-values';
import { outletListSchema } from './outlet.view';

const listSchema = z.object({ limit: pageLimit(100), offset: pageOffset });

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
    return { outlets: await this.outlets.list(query.limit, query.offset) };
  }
}
