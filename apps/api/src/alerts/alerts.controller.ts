import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import {
  CurrentPrincipal,
  ErrorResponses,
  LiveStreamSlotsInterceptor,
  Principal,
  RequiresScope,
  ZodQuery,
  ZodResponse,
  ZodValidationPipe,
} from '@chronicle/platform';
import { Controller, Get, Headers, Inject, MessageEvent, Query, Sse, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { pollingEventStream, STREAM_POSITION } from '../common/polling-event-stream';
import { z } from 'zod';
import { pageLimit } from '../common/request-values';
import { AlertReadRepository } from './alert-read.repository';
import { alertListSchema } from './alert.view';
import { VisibleSubscriptionGuard } from './visible-subscription.guard';

const seq = z.string().regex(/^\d{1,18}$/, 'must be a stream position (digits)');

const listQuerySchema = z
  .object({
    subscription: z.string().uuid().optional().describe("Only this subscription's alerts"),
    status: z.enum(['pending', 'delivered', 'failed', 'cancelled']).optional().describe('Only alerts in this delivery state'),
    before: seq.optional().describe('Alerts before this stream position (the `seq` of the last one seen): the next page'),
    limit: pageLimit(50),
  })
  .strict();

const streamQuerySchema = z
  .object({
    subscription: z.string().uuid().optional().describe("Only this subscription's alerts"),
    lastEventId: seq.optional().describe('Resume after this stream position (the `Last-Event-ID` header wins)'),
  })
  .strict();

const STREAM_PAGE = 500;

@RequiresScope('subscriptions')
@ApiTags('alerts')
@Controller('v1/alerts')
export class AlertsController {
  constructor(
    @Inject(AlertReadRepository) private readonly alerts: AlertReadRepository,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {}

  /** Alerts with their delivery state, newest first. */
  @Get()
  @ApiOperation({ summary: 'Alerts with their delivery state, newest first' })
  @ZodQuery(listQuerySchema)
  @ZodResponse(200, alertListSchema, "One page of the tenant's alerts")
  @ErrorResponses(404)
  @UseGuards(VisibleSubscriptionGuard)
  async list(
    @Query(new ZodValidationPipe(listQuerySchema)) query: z.infer<typeof listQuerySchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<z.infer<typeof alertListSchema>> {
    return {
      alerts: await this.alerts.list({
        tenant: principal.tenant,
        subscriptionId: query.subscription,
        status: query.status,
        beforeSeq: query.before,
        limit: query.limit,
      }),
    };
  }

  /**
   * Server-sent events, one `alert` event per alert with its stream position as the event id.
   * A client that reconnects with `Last-Event-ID` (or `?lastEventId=`) gets every alert after
   * it; a new client starts at the present. State lives in Postgres, so any API replica serves
   * any client.
   */
  @Sse('stream')
  @ApiOperation({ summary: 'Live alerts as server-sent events, resumable with Last-Event-ID' })
  @ZodQuery(streamQuerySchema)
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this stream position' })
  @ApiResponse({
    status: 200,
    description:
      'An endless `text/event-stream`: one `alert` event per alert (id: its `seq`; data: an alert as `GET /v1/alerts` lists it), ' +
      'and a `heartbeat` event after 15 s of quiet whose id is the position reached.',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ErrorResponses(404)
  @UseGuards(VisibleSubscriptionGuard)
  @UseInterceptors(LiveStreamSlotsInterceptor)
  stream(
    @Query(new ZodValidationPipe(streamQuerySchema)) query: z.infer<typeof streamQuerySchema>,
    @CurrentPrincipal() principal: Principal,
    @Headers('last-event-id') lastEventIdHeader?: string,
  ): Observable<MessageEvent> {
    return pollingEventStream({
      from: lastEventIdHeader && STREAM_POSITION.test(lastEventIdHeader) ? lastEventIdHeader : query.lastEventId,
      present: () => this.alerts.lastSeq(),
      next: (after, limit) => this.alerts.after(after, principal.tenant, query.subscription, limit),
      position: (alert) => alert.seq,
      event: (alert) => ({ type: 'alert', data: alert }),
      pageSize: STREAM_PAGE,
      pollMs: this.config.alerts.streamPollMs,
    });
  }
}
