import {
  ActorPairQueries,
  ActorQueries,
  ActorSentimentQueries,
  ActorSummary,
  ArticleQueries,
  ContributionQueries,
  OutletQueries,
} from '@chronicle/read-models';
import { ErrorResponses, RequiresScope, ZodParams, ZodQuery, ZodResponse, ZodValidationPipe } from '@chronicle/platform';
import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { dayOf, weekWindow } from '../common/bucket-window';
import { cursorParam } from '../common/keyset-cursor';
import { countAndKey, nextCursor, oneStart, sentOffset } from '../common/page-start';
import { idParams, instant, pageLimit, storableText } from '../common/request-values';
import { encodeStatementCursor, newestFirstCursor } from '../statements/statement-cursor';
import { windowedQuery } from '../common/windowed-query';
import { encodeStanceCursor, stanceCursor } from './stance-cursor';
import {
  actorListSchema,
  actorOutletsSchema,
  actorSentimentSchema,
  actorStancesSchema,
  actorStatementsSchema,
  actorSummarySchema,
  relatedActorsSchema,
} from './actor.view';

const listQuerySchema = z
  .object({
    q: storableText(z.string().trim().min(1).max(200))
      .optional()
      .describe('Text the name or an alias contains (literally, any case)'),
    limit: pageLimit(50),
    offset: sentOffset,
    cursor: cursorParam(countAndKey).optional(),
  })
  .superRefine(oneStart);

// Both given is a 400 even for `offset=0`: which page the client meant is unclear.
const statementsQuerySchema = z
  .object({
    limit: pageLimit(50),
    offset: sentOffset,
    cursor: newestFirstCursor.optional(),
  })
  .superRefine(oneStart);

const stancesQuerySchema = z.object({ limit: pageLimit(50), cursor: stanceCursor.optional() });

const sentimentQuerySchema = z.object({
  granularity: z.enum(['hour', 'day']).default('day'),
  from: instant.optional().describe('Buckets starting at or after this instant'),
  to: instant.optional().describe('Buckets starting before this instant'),
});

const relatedQuerySchema = windowedQuery(
  { limit: pageLimit(20, 100), cursor: cursorParam(countAndKey).optional() },
  { defaultSpanDays: 30, maxSpanDays: 366 },
);

const outletsQuerySchema = z.object({ limit: pageLimit(50), cursor: cursorParam(countAndKey).optional() });

@RequiresScope('read')
@ApiTags('actors')
@Controller('v1/actors')
export class ActorsController {
  constructor(
    @Inject(ActorQueries) private readonly actors: ActorQueries,
    @Inject(ContributionQueries) private readonly contributions: ContributionQueries,
    @Inject(ArticleQueries) private readonly articles: ArticleQueries,
    @Inject(ActorSentimentQueries) private readonly actorSentiment: ActorSentimentQueries,
    @Inject(ActorPairQueries) private readonly pairs: ActorPairQueries,
    @Inject(OutletQueries) private readonly outlets: OutletQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Actors, most mentioned first, optionally matching a text' })
  @ZodQuery(listQuerySchema)
  @ZodResponse(200, actorListSchema, 'One page of actors')
  async list(
    @Query(new ZodValidationPipe(listQuerySchema)) query: z.infer<typeof listQuerySchema>,
  ): Promise<z.infer<typeof actorListSchema>> {
    const after = query.cursor && { mentionCount: query.cursor[0], id: query.cursor[1] };
    const actors = await this.actors.search(query.q, query.limit, query.offset ?? 0, after);
    return { actors, nextCursor: nextCursor(actors, query.limit, (a) => [a.mentionCount, a.id]) };
  }

  @Get(':id')
  @ApiOperation({ summary: "One actor's names, counts and seen window" })
  @ZodParams(idParams)
  @ZodResponse(200, actorSummarySchema, 'The actor')
  @ErrorResponses(404)
  async findOne(@Param(new ZodValidationPipe(idParams)) { id }: z.infer<typeof idParams>): Promise<ActorSummary> {
    return this.actor(id);
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
    const actor = await this.actor(id);
    const page = await this.contributions.statementsBy(id, query.limit, query.cursor ?? { offset: query.offset ?? 0 });
    return {
      actor,
      statements: page.statements,
      nextCursor: page.next ? encodeStatementCursor({ order: 'newest', after: page.next }) : null,
    };
  }

  /**
   * What the actor is reported to criticise, praise, call or decline in no words of their own (stances), newest
   * article first and each article's in text order, paged by `cursor`. Not statements: no statement list has them.
   */
  @Get(':id/stances')
  @ApiOperation({ summary: "The actor's stances (what they criticised, praised, called or refused), newest article first" })
  @ZodParams(idParams)
  @ZodQuery(stancesQuerySchema)
  @ZodResponse(200, actorStancesSchema, 'The actor and one page of its stances, each with its article')
  @ErrorResponses(404)
  async stances(
    @Param(new ZodValidationPipe(idParams)) { id }: z.infer<typeof idParams>,
    @Query(new ZodValidationPipe(stancesQuerySchema)) query: z.infer<typeof stancesQuerySchema>,
  ): Promise<z.infer<typeof actorStancesSchema>> {
    const actor = await this.actor(id);
    const page = await this.articles.stancesBy(id, query.limit, query.cursor ?? null);
    return { actor, stances: page.stances, nextCursor: page.next ? encodeStanceCursor(page.next) : null };
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
    const actor = await this.actor(id);
    const buckets = await this.actorSentiment.series(id, query.granularity, query.from ?? null, query.to ?? null);
    return { actor, granularity: query.granularity, buckets };
  }

  /**
   * The actors named in the same live articles, by how many articles of the UTC weeks (Monday to
   * Monday) the window overlaps they share, ties by id. Counted by whole weeks (`actor_pairs`): the
   * response's `window` is the weeks counted.
   */
  @Get(':id/related')
  @ApiOperation({ summary: 'Actors mentioned in the same articles, most shared articles in the window first' })
  @ZodParams(idParams)
  @ZodQuery(relatedQuerySchema)
  @ZodResponse(200, relatedActorsSchema, 'The actor, the weeks counted and one page of co-mentioned actors')
  @ErrorResponses(404)
  async related(
    @Param(new ZodValidationPipe(idParams)) { id }: z.infer<typeof idParams>,
    @Query(new ZodValidationPipe(relatedQuerySchema)) query: z.infer<typeof relatedQuerySchema>,
  ): Promise<z.infer<typeof relatedActorsSchema>> {
    const actor = await this.actor(id);
    const window = weekWindow(query);
    const after = query.cursor && { articles: query.cursor[0], id: query.cursor[1] };
    const related = await this.pairs.related(id, dayOf(window.from), dayOf(window.to), query.limit, after);
    return { actor, window, related, nextCursor: nextCursor(related, query.limit, (r) => [r.articles, r.actor.id]) };
  }

  /** The outlets whose live articles name the actor, most such articles first. */
  @Get(':id/outlets')
  @ApiOperation({ summary: 'Outlets covering the actor, most articles naming it first' })
  @ZodParams(idParams)
  @ZodQuery(outletsQuerySchema)
  @ZodResponse(200, actorOutletsSchema, 'The actor and one page of outlets with their articles naming it')
  @ErrorResponses(404)
  async outletsCovering(
    @Param(new ZodValidationPipe(idParams)) { id }: z.infer<typeof idParams>,
    @Query(new ZodValidationPipe(outletsQuerySchema)) query: z.infer<typeof outletsQuerySchema>,
  ): Promise<z.infer<typeof actorOutletsSchema>> {
    const actor = await this.actor(id);
    const after = query.cursor && { articles: query.cursor[0], outlet: query.cursor[1] };
    const outlets = await this.outlets.coveringActor(id, query.limit, after);
    return { actor, outlets, nextCursor: nextCursor(outlets, query.limit, (o) => [o.articles, o.outlet]) };
  }

  private async actor(id: string): Promise<ActorSummary> {
    const actor = await this.actors.findById(id);
    if (!actor) throw new NotFoundException(`no actor ${id}`);
    return actor;
  }
}
