import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { AlertRedelivery } from '@chronicle/persistence';
import { STREAM_POSITION } from '@chronicle/read-models';
import {
  CurrentPrincipal,
  ErrorResponses,
  LiveStreamSlotsInterceptor,
  Principal,
  RequiresScope,
  ZodParams,
  ZodQuery,
  ZodResponse,
  ZodValidationPipe,
} from '@chronicle/platform';
import {
  ConflictException,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  MessageEvent,
  NotFoundException,
  Param,
  Post,
  Query,
  Sse,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { pollingEventStream } from '../common/polling-event-stream';
import { z } from 'zod';
import { idParams, pageLimit } from '../common/request-values';
import { AlertReadRepository } from './alert-read.repository';
import { AlertDetail, alertDetailSchema, alertListSchema } from './alert.view';
import { VisibleSubscriptionGuard } from './visible-subscription.guard';

const seq = z.string().regex(/^\d{1,18}$/, 'must be an alert `seq` (digits)');

const listQuerySchema = z
  .object({
    subscription: z.string().uuid().optional().describe("Only this subscription's alerts"),
    status: z.enum(['pending', 'delivered', 'failed', 'cancelled']).optional().describe('Only alerts in this delivery state'),
    before: seq.optional().describe('Alerts before this `seq` (that of the last one seen): the next page'),
    limit: pageLimit(50),
  })
  .strict();

const streamQuerySchema = z
  .object({
    subscription: z.string().uuid().optional().describe("Only this subscription's alerts"),
    lastEventId: z
      .string()
      .regex(STREAM_POSITION, 'must be a stream position (`<digits>.<digits>`, or digits)')
      .optional()
      .describe('Resume after this stream position, or after this `seq` (the `Last-Event-ID` header wins)'),
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
    @Inject(AlertRedelivery) private readonly redelivery: AlertRedelivery,
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
      'An endless `text/event-stream`: one `alert` event per alert (id: its stream position, `<transaction>.<seq>`; data: an alert as `GET /v1/alerts` lists it), ' +
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
      present: () => this.alerts.streamStart(),
      next: (after, limit) => this.alerts.after(after, principal.tenant, query.subscription, limit),
      position: (streamed) => streamed.position,
      event: (streamed) => ({ type: 'alert', data: streamed.alert }),
      pageSize: STREAM_PAGE,
      pollMs: this.config.alerts.streamPollMs,
    });
  }

  // Declared after `stream`, so `GET /v1/alerts/stream` is never read as an alert id.
  /** One alert with its delivery record. */
  @Get(':id')
  @ApiOperation({ summary: 'One alert with its delivery record' })
  @ZodParams(idParams)
  @ZodResponse(200, alertDetailSchema, 'The alert')
  @ErrorResponses(404)
  async findOne(
    @Param(new ZodValidationPipe(idParams)) { id }: z.infer<typeof idParams>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AlertDetail> {
    const alert = await this.alerts.find(id, principal.tenant);
    if (!alert) throw new NotFoundException(`no alert ${id}`);
    return alert;
  }

  /**
   * Queues a failed or cancelled alert for delivery again with a fresh retry budget, as
   * `chronicle alerts redeliver --alert ID` does (the same query).
   */
  @Post(':id/redeliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Queues a failed or cancelled alert for delivery again, with a fresh retry budget' })
  @ZodParams(idParams)
  @ZodResponse(200, alertDetailSchema, 'The alert, pending again')
  @ErrorResponses(404, 409)
  async redeliver(
    @Param(new ZodValidationPipe(idParams)) { id }: z.infer<typeof idParams>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AlertDetail> {
    const queued = await this.redelivery.redeliver({ alertIds: [id], tenant: principal.tenant });
    const alert = await this.alerts.find(id, principal.tenant);
    if (!alert) throw new NotFoundException(`no alert ${id}`);
    if (queued.length > 0) return alert;
    const { status } = alert.delivery;
    if (status === 'pending' || status === 'delivered') {
      throw new ConflictException(`alert ${id} is ${status}: only a failed or cancelled alert can be redelivered`);
    }
    throw new ConflictException(`alert ${id} is ${status} but its subscription was deleted: there is nowhere to deliver it`);
  }
}
