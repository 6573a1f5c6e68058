import { ActorSentimentQueries } from '@chronicle/read-models';
import { RequiresScope, ZodQuery, ZodResponse, ZodValidationPipe } from '@chronicle/platform';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { bucketWindow, DAY_MS, HOUR_MS, previousWindow } from '../common/bucket-window';
import { pageLimit } from '../common/request-values';
import { windowedQuery } from '../common/windowed-query';
import { trendsSchema } from './trend.view';

const HOUR_MAX_SPAN_DAYS = 7;

const trendsQuerySchema = windowedQuery(
  {
    granularity: z
      .enum(['hour', 'day'])
      .default('day')
      .describe(`Count whole UTC hours (window at most ${HOUR_MAX_SPAN_DAYS} days) or days (at most 366)`),
    limit: pageLimit(20, 100),
  },
  { defaultSpanDays: 7, maxSpanDays: 366 },
).superRefine((value, ctx) => {
  if (value.granularity === 'hour' && Date.parse(value.to) - Date.parse(value.from) > HOUR_MAX_SPAN_DAYS * DAY_MS) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['to'],
      message: `with granularity=hour the window from \`from\` to \`to\` must span at most ${HOUR_MAX_SPAN_DAYS} days`,
    });
  }
});

@RequiresScope('read')
@ApiTags('trends')
@Controller('v1/trends')
export class TrendsController {
  constructor(@Inject(ActorSentimentQueries) private readonly sentiment: ActorSentimentQueries) {}

  /**
   * Who is rising: the actors whose mention count changed most between the window and the
   * window of the same length before it, each with its mean sentiment in both.
   */
  @Get()
  @ApiOperation({ summary: 'Actors whose mentions changed most against the previous window of the same length' })
  @ZodQuery(trendsQuerySchema)
  @ZodResponse(200, trendsSchema, 'The windows compared and the actors, largest mention change first')
  async trends(
    @Query(new ZodValidationPipe(trendsQuerySchema)) query: z.infer<typeof trendsQuerySchema>,
  ): Promise<z.infer<typeof trendsSchema>> {
    const window = bucketWindow(query, query.granularity === 'hour' ? HOUR_MS : DAY_MS);
    const previous = previousWindow(window);
    const actors =
      window.from === window.to
        ? []
        : await this.sentiment.trends(query.granularity, previous.from, window.from, window.to, query.limit);
    return { window, previousWindow: previous, granularity: query.granularity, actors };
  }
}
