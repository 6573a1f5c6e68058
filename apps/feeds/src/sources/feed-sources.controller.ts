import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import {
  BodyLimit,
  ErrorResponses,
  RequiresScope,
  ZodBody,
  ZodParams,
  ZodResponse,
  ZodValidationPipe,
} from '@chronicle/platform';
import {
  Body,
  BadRequestException,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { FeedParseError, OpmlFeed, parseOpml } from '@chronicle/feeds';
import { importFeeds } from './feed-import';
import {
  CreateFeedSourceDto,
  feedImportReportSchema,
  ImportFeedSourcesDto,
  importFeedSourcesSchema,
  MAX_OPML_BYTES,
  createFeedSourceSchema,
  feedSourceIdParams,
  feedSourceListSchema,
  FeedSourceView,
  feedSourceViewSchema,
  UpdateFeedSourceDto,
  updateFeedSourceSchema,
} from './feed-source.dto';
import { FeedSource, FeedSourceRepository } from './feed-source.repository';

type IdParams = z.infer<typeof feedSourceIdParams>;

function toView({ etag: _etag, lastModified: _lastModified, ...view }: FeedSource): FeedSourceView {
  return view;
}

/** The feed sources this deployment polls. Admin only: a source makes the service fetch a URL. */
@RequiresScope('admin')
@ApiTags('feeds')
@Controller('v1/feeds')
export class FeedSourcesController {
  constructor(
    @Inject(FeedSourceRepository) private readonly sources: FeedSourceRepository,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every feed source, with its status and last error' })
  @ZodResponse(200, feedSourceListSchema, 'The sources')
  async list(): Promise<z.infer<typeof feedSourceListSchema>> {
    return { feeds: (await this.sources.list()).map(toView) };
  }

  /** Adds a source, due at once. */
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Adds a feed source (RSS, Atom, JSON Feed or sitemap); it is polled at once' })
  @ZodBody(createFeedSourceSchema)
  @ZodResponse(201, feedSourceViewSchema, 'The new source')
  @ErrorResponses(409)
  async create(@Body(new ZodValidationPipe(createFeedSourceSchema)) dto: CreateFeedSourceDto): Promise<FeedSourceView> {
    const [added] = await this.sources.add([
      {
        id: randomUUID(),
        url: dto.url,
        outlet: dto.outlet ?? null,
        intervalSeconds: dto.intervalSeconds ?? Math.round(this.config.feeds.minIntervalMs / 1000),
      },
    ]);
    if (!added) throw new ConflictException(`${dto.url} is already a source`);
    return toView(added);
  }

  /** Adds every feed of an OPML list in one insert; reports what was added, already present or refused. */
  @Post('import')
  @HttpCode(200)
  @BodyLimit(MAX_OPML_BYTES + 64 * 1024)
  @ApiOperation({ summary: 'Imports the feeds of an OPML subscription list; each new one is polled at once' })
  @ZodBody(importFeedSourcesSchema)
  @ZodResponse(200, feedImportReportSchema, 'Added, already present and refused feeds')
  async import(
    @Body(new ZodValidationPipe(importFeedSourcesSchema)) dto: ImportFeedSourcesDto,
  ): Promise<z.infer<typeof feedImportReportSchema>> {
    let listed: OpmlFeed[];
    try {
      listed = parseOpml(dto.opml);
    } catch (error) {
      if (error instanceof FeedParseError) throw new BadRequestException(`opml: ${error.message}`);
      throw error;
    }
    return importFeeds(this.sources, listed, dto.intervalSeconds ?? Math.round(this.config.feeds.minIntervalMs / 1000));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes the outlet or interval, or pauses or resumes polling' })
  @ZodParams(feedSourceIdParams)
  @ZodBody(updateFeedSourceSchema)
  @ZodResponse(200, feedSourceViewSchema, 'The changed source')
  @ErrorResponses(404)
  async update(
    @Param(new ZodValidationPipe(feedSourceIdParams)) { id }: IdParams,
    @Body(new ZodValidationPipe(updateFeedSourceSchema)) patch: UpdateFeedSourceDto,
  ): Promise<FeedSourceView> {
    const updated = await this.sources.update(id, {
      ...(patch.outlet !== undefined && { outlet: patch.outlet }),
      ...(patch.intervalSeconds !== undefined && { intervalSeconds: patch.intervalSeconds }),
      ...(patch.paused !== undefined && { paused: patch.paused }),
    });
    if (!updated) throw new NotFoundException(`no feed source ${id}`);
    return toView(updated);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stops polling the source and forgets which entries it submitted (its articles stay)' })
  @ZodParams(feedSourceIdParams)
  @ZodResponse(204, null, 'Deleted')
  @ErrorResponses(404)
  async remove(@Param(new ZodValidationPipe(feedSourceIdParams)) { id }: IdParams): Promise<void> {
    if (!(await this.sources.remove(id))) throw new NotFoundException(`no feed source ${id}`);
  }
}
