import {
  CurrentPrincipal,
  ErrorResponses,
  Principal,
  RequiresScope,
  ZodParams,
  ZodQuery,
  ZodResponse,
  ZodValidationPipe,
} from '@chronicle/platform';
import { PROJECTIONS, RebuildAlreadyRequestedError, RebuildRecord, RebuildRequestsRepository } from '@chronicle/persistence';
import {
  ConflictException,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { pageLimit } from '../common/request-values';
import { projectionListSchema, rebuildHistorySchema, rebuildRecordSchema } from './admin.view';
import { ProjectionStatusService } from './projection-status.service';

const historyQuerySchema = z.object({ limit: pageLimit(50, 500) });
const rebuildParams = z.object({ id: z.string().uuid() });

@RequiresScope('admin')
@ApiTags('admin')
@Controller('v1/admin')
export class AdminController {
  constructor(
    @Inject(ProjectionStatusService) private readonly status: ProjectionStatusService,
    @Inject(RebuildRequestsRepository) private readonly rebuilds: RebuildRequestsRepository,
  ) {}

  /** Each projection's live version with per-partition position and lag, and any rebuild's progress. */
  @Get('projections')
  @ApiOperation({ summary: "Each projection's live version, per-partition lag, and any rebuild's progress" })
  @ZodResponse(200, projectionListSchema, 'Every projection')
  async list(): Promise<z.infer<typeof projectionListSchema>> {
    return { projections: await this.status.statuses() };
  }

  /**
   * Asks the project service to rebuild a projection: 202 with the request, which one replica
   * claims and carries out (poll `GET rebuilds/:id`, and `GET projections` for progress). One
   * rebuild at a time: while another is unfinished, 409 names it.
   */
  @Post('projections/:name/rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Asks a project replica to rebuild the projection (one rebuild at a time)' })
  @ApiParam({ name: 'name', schema: { type: 'string', enum: Object.keys(PROJECTIONS) } })
  @ZodResponse(202, rebuildRecordSchema, 'Requested: poll `Location` (`GET /v1/admin/rebuilds/{id}`)')
  @ErrorResponses(404, 409)
  async rebuild(
    @Param('name') name: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<RebuildRecord> {
    // Own keys only: `__proto__` or `constructor` must not pass for a projection and start a replay.
    if (!Object.hasOwn(PROJECTIONS, name)) throw new NotFoundException(`unknown projection "${name}"`);
    try {
      const { id } = await this.rebuilds.request(name, principal.name, principal.keyId);
      response.setHeader('location', `/v1/admin/rebuilds/${id}`);
      return (await this.rebuilds.find(id))!;
    } catch (error) {
      if (!(error instanceof RebuildAlreadyRequestedError)) throw error;
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: error.message, running: error.running ?? null });
    }
  }

  /** The audit of rebuilds, newest first: who asked, when, which replica ran it, how it ended. */
  @Get('rebuilds')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The audit of rebuilds, newest first' })
  @ZodQuery(historyQuerySchema)
  @ZodResponse(200, rebuildHistorySchema, 'The latest rebuilds')
  async history(
    @Query(new ZodValidationPipe(historyQuerySchema)) query: z.infer<typeof historyQuerySchema>,
  ): Promise<{ rebuilds: RebuildRecord[] }> {
    return { rebuilds: await this.rebuilds.history(query.limit) };
  }

  @Get('rebuilds/:id')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'One rebuild request and its outcome' })
  @ZodParams(rebuildParams)
  @ZodResponse(200, rebuildRecordSchema, 'The rebuild')
  @ErrorResponses(404)
  async rebuildNamed(@Param(new ZodValidationPipe(rebuildParams)) { id }: z.infer<typeof rebuildParams>): Promise<RebuildRecord> {
    const rebuild = await this.rebuilds.find(id);
    if (!rebuild) throw new NotFoundException(`no rebuild ${id}`);
    return rebuild;
  }
}
