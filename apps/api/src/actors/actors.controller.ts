import { ActorQueries, ActorSentimentQueries, ContributionQueries } from '@chronicle/read-models';
import { ErrorResponses, RequiresScope, ZodParams, ZodQuery, ZodResponse, ZodValidationPipe } from '@chronicle/platform';
import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { idParams, instant, pageLimit, pageOffset, storableText } from '../common/request-values';
import { encodeStatementCursor, newestFirstCursor } from '../statements/statement-cursor';
import { actorListSchema, actorSentimentSchema, actorStatementsSchema } from './actor.view';

const listQuerySchema = z.object({
  q: storableText(z.string().trim().min(1).max(200))
    .optional()
    .describe('Text the name or an alias contains (literally, any case)'),
  limit: pageLimit(50),
  offset: pageOffset,
});

// Both given is a 400 even for `offset=0`: which page the client meant is unclear.
const statementsQuerySchema = z.preprocess(
  (raw, ctx) => {
    if (typeof raw === 'object' && raw !== null && 'offset' in raw && 'cursor' in raw) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['offset'], message: 'give either `offset` or `cursor`, not both' });
    }
    return raw;
  },
  z.object({
    limit: pageLimit(50),
    offset: pageOffset.describe('Statements to skip (default 0); `cursor` pages without skipping'),
    cursor: newestFirstCursor.optional(),
  }),
);

const sentimentQuerySchema = z.object({
  granularity: z.enum(['hour', 'day']).default('day'),
  from: instant.optional().describe('Buckets starting at or after this instant'),
  to: instant.optional().describe('Buckets starting before this instant'),
});

@RequiresScope('read')
@ApiTags('actors')
@Controller('v1/actors')
export class ActorsController {
  constructor(
    @Inject(ActorQueries) private readonly actors: ActorQueries,
    @Inject(ContributionQueries) private readonly contributions: ContributionQueries,
    @Inject(ActorSentimentQueries) private readonly actorSentiment: ActorSentimentQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Actors, most mentioned first, optionally matching a text' })
  @ZodQuery(listQuerySchema)
  @ZodResponse(200, actorListSchema, 'One page of actors')
  async list(
    @Query(new ZodValidationPipe(listQuerySchema)) query: z.infer<typeof listQuerySchema>,
  ): Promise<z.infer<typeof actorListSchema>> {
    return { actors: await this.actors.search(query.q, query.limit, query.offset) };
  }

  @Get(':id/statements')
  @ApiOperation({ summary: "The actor's statements, newest first, paged by `cursor` (or `offset`)" })
  @ZodParams(idParams)
  @ZodQuery(statementsQuerySchema)
  @ZodResponse(200, actorStatementsSchema, 'The actor and one page of its statements')
  @ErrorResponses(404)
  async statements(
    @Param(new ZodValidationPipe(idParams)) { id }: z.infer<typeof idParams>,
    @Query(new ZodValidationPipe(statementsQuerySchema)) query: z.infer<typeof statementsQuerySchema>,
  ): Promise<z.infer<typeof actorStatementsSchema>> {
    const actor = await this.actors.findById(id);
    if (!actor) throw new NotFoundException(`no actor ${id}`);
    const page = await this.contributions.statementsBy(id, query.limit, query.cursor ?? { offset: query.offset });
    return {
      actor,
      statements: page.statements,
      nextCursor: page.next ? encodeStatementCursor({ order: 'newest', after: page.next }) : null,
    };
  }

  /** Sentiment toward the actor over time (hour or day buckets), for trend charts. */
  @Get(':id/sentiment')
  @ApiOperation({ summary: 'Sentiment toward the actor over time (hour or day buckets), oldest first' })
  @ZodParams(idParams)
  @ZodQuery(sentimentQuerySchema)
  @ZodResponse(200, actorSentimentSchema, 'The actor and its sentiment buckets')
  @ErrorResponses(404)
  async sentiment(
    @Param(new ZodValidationPipe(idParams)) { id }: z.infer<typeof idParams>,
    @Query(new ZodValidationPipe(sentimentQuerySchema)) query: z.infer<typeof sentimentQuerySchema>,
  ): Promise<z.infer<typeof actorSentimentSchema>> {
    const actor = await this.actors.findById(id);
    if (!actor) throw new NotFoundException(`no actor ${id}`);
    const buckets = await this.actorSentiment.series(id, query.granularity, query.from ?? null, query.to ?? null);
    return { actor, granularity: query.granularity, buckets };
  }
}
