import { PROJECTIONS } from '@chronicle/persistence';
import { ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { ProjectionStatus, ProjectionStatusService } from './projection-status.service';

const CLI_MAIN = resolve(__dirname, '../../../cli/src/main.js');

@Controller('v1/admin/projections')
export class AdminController {
  constructor(
    @Inject(ProjectionStatusService) private readonly status: ProjectionStatusService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  /** Each projection's live version with per-partition position and lag, and any rebuild's progress. */
  @Get()
  async list(): Promise<{ projections: ProjectionStatus[] }> {
    return { projections: await this.status.statuses() };
  }

  /** Starts `chronicle replay --projection NAME` in the background; poll GET for progress. */
  @Post(':name/rebuild')
  @HttpCode(202)
  async rebuild(@Param('name') name: string): Promise<{ projection: string; status: 'started' }> {
    // Own keys only: `__proto__` or `constructor` must not pass for a projection and start a replay.
    if (!Object.hasOwn(PROJECTIONS, name)) throw new NotFoundException(`unknown projection "${name}"`);
    const [building] = await this.dataSource.query(
      "SELECT version FROM projection_versions WHERE name = $1 AND status = 'building'",
      [name],
    );
    if (building) throw new ConflictException(`projection "${name}" v${building.version} is already being rebuilt`);
    const logDir = join(process.cwd(), '.chronicle', 'logs');
    mkdirSync(logDir, { recursive: true });
    const log = openSync(join(logDir, `replay-${name}.log`), 'a');
    const child = spawn(process.execPath, [CLI_MAIN, 'replay', '--projection', name, '--log-dir', logDir], {
      detached: true,
      stdio: ['ignore', log, log],
      env: process.env,
    });
    child.unref();
    closeSync(log);
    return { projection: name, status: 'started' };
  }
}
