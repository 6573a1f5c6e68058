import { RequiresScope, ZodValidationPipe } from '@chronicle/platform';
import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { idParams, instant, pageLimit, pageOffset, storableText } from '../common/request-values';
import { ActorReadRepository, ActorSummary, SentimentBucket, StatementView } from './actor-read.repository';

const listQuerySchema = z.object({
  q: storableText(z.string().trim().min(1).max(200)).optional(),
  limit: pageLimit(50),
  offset: pageOffset,
});

const statementsQuerySchema = z.object({ limit: pageLimit(50), offset: pageOffset });

const sentimentQuerySchema = z.object({
  granularity: z.enum(['hour', 'day']).default('day'),
  from: instant.optional(),
  to: instant.optional(),
});

@RequiresScope('read')
@Controller('v1/actors')
export class ActorsController {
  private readonly actors: ActorReadRepository;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.actors = new ActorReadRepository(dataSource);
  }

  @Get()
  async list(
    @Query(new ZodValidationPipe(listQuerySchema)) query: z.infer<typeof listQuerySchema>,
  ): Promise<{ actors: ActorSummary[] }> {
    return { actors: await this.actors.search(query.q, query.limit, query.offset) };
  }

  @Get(':id/statements')
  async statements(
    @Param(new ZodValidationPipe(idParams)) { id }: z.infer<typeof idParams>,
    @Query(new ZodValidationPipe(statementsQuerySchema)) query: z.infer<typeof statementsQuerySchema>,
  ): Promise<{ actor: ActorSummary; statements: StatementView[] }> {
    const actor = await this.actors.findById(id);
    if (!actor) throw new NotFoundException(`no actor ${id}`);
    return { actor, statements: await this.actors.statementsBy(id, query.limit, query.offset) };
  }

  /** Sentiment toward the actor over time (hour or day buckets), for trend charts. */
  @Get(':id/sentiment')
  async sentiment(
    @Param(new ZodValidationPipe(idParams)) { id }: z.infer<typeof idParams>,
    @Query(new ZodValidationPipe(sentimentQuerySchema)) query: z.infer<typeof sentimentQuerySchema>,
  ): Promise<{ actor: ActorSummary; granularity: 'hour' | 'day'; buckets: SentimentBucket[] }> {
    const actor = await this.actors.findById(id);
    if (!actor) throw new NotFoundException(`no actor ${id}`);
    const buckets = await this.actors.sentimentSeries(id, query.granularity, query.from ?? null, query.to ?? null);
    return { actor, granularity: query.granularity, buckets };
  }
}
