import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { ContributionQueries, STREAM_POSITION, StatementSearchResult } from '@chronicle/read-models';
import { LiveStreamSlotsInterceptor, RequiresScope, ZodQuery, ZodResponse, ZodValidationPipe } from '@chronicle/platform';
import { Controller, Get, Headers, Inject, MessageEvent, Query, Sse, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { z } from 'zod';
import { pollingEventStream } from '../common/polling-event-stream';
import { encodeStatementCursor } from './statement-cursor';
import { searchQuerySchema, streamQuerySchema } from './statement-search.dto';
import { statementSearchSchema } from './statement.view';

const STREAM_PAGE = 500;

@RequiresScope('read')
@ApiTags('statements')
@Controller('v1/statements')
export class StatementsController {
  constructor(
    @Inject(ContributionQueries) private readonly contributions: ContributionQueries,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Statements matching a text query and filters, best match or newest first, in keyset pages' })
  @ZodQuery(searchQuerySchema)
  @ZodResponse(200, statementSearchSchema, 'One page of statements with highlighted text')
  async search(
    @Query(new ZodValidationPipe(searchQuerySchema)) { filter, order, cursor, limit }: z.infer<typeof searchQuerySchema>,
  ): Promise<z.infer<typeof statementSearchSchema>> {
    let result: StatementSearchResult;
    if (order === 'rank') {
      const after = cursor?.order === 'rank' ? cursor.after : undefined;
      result = await this.contributions.searchStatements(filter, { order, query: filter.query!, after, limit });
    } else {
      const after = cursor?.order === 'newest' ? cursor.after : undefined;
      result = await this.contributions.searchStatements(filter, { order, after, limit });
    }
    const nextCursor =
      result.next === null
        ? null
        : result.order === 'rank'
          ? encodeStatementCursor({ order: 'rank', after: result.next })
          : encodeStatementCursor({ order: 'newest', after: result.next });
    return { statements: result.hits, nextCursor };
  }

  /**
   * Server-sent events, one `statement` event per statement as it is projected, with its stream
   * position as the event id. A revised article's statements are projected again, so they stream
   * again. Resumable with `Last-Event-ID` (or `?lastEventId=`); a new client starts at the present.
   */
  @Sse('stream')
  @ApiOperation({ summary: 'Newly projected statements as server-sent events, resumable with Last-Event-ID' })
  @ZodQuery(streamQuerySchema)
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this stream position' })
  @ApiResponse({
    status: 200,
    description:
      'An endless `text/event-stream`: one `statement` event per statement (id: its stream position; data: a statement as ' +
      '`GET /v1/statements` lists it, with one unmatched fragment), and a `heartbeat` event after 15 s of quiet whose id is the position reached.',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @UseInterceptors(LiveStreamSlotsInterceptor)
  stream(
    @Query(new ZodValidationPipe(streamQuerySchema)) query: z.infer<typeof streamQuerySchema>,
    @Headers('last-event-id') lastEventIdHeader?: string,
  ): Observable<MessageEvent> {
    const filter = { actorId: query.actor };
    return pollingEventStream({
      from: lastEventIdHeader && STREAM_POSITION.test(lastEventIdHeader) ? lastEventIdHeader : query.lastEventId,
      present: () => this.contributions.statementStreamStart(),
      next: (after, limit) => this.contributions.statementsAfter(after, filter, limit),
      position: (streamed) => streamed.position,
      event: (streamed) => ({ type: 'statement', data: streamed.hit }),
      pageSize: STREAM_PAGE,
      // The same cadence as the alert stream: both poll Postgres.
      pollMs: this.config.alerts.streamPollMs,
    });
  }
}
