import { PublicRoute } from './auth/route-access.decorator';
import { ConsumerHealth, ConsumerHealthReport } from '@chronicle/kafka';
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { healthReportSchema, livenessSchema } from './health.view';
import { ZodResponse } from './openapi/zod-openapi.decorators';

@PublicRoute()
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@Inject(ConsumerHealth) private readonly consumer: ConsumerHealth) {}

  /**
   * Readiness that tells the truth: 200 `ok`, or 503 `degraded` naming every stalled or failing
   * partition (with its position and last error) and a dead-letter rate over the limit. Services
   * that consume nothing are always ok.
   */
  @Get('health')
  @ZodResponse(200, healthReportSchema, 'Ready: every consumed partition is making progress')
  @ZodResponse(503, healthReportSchema, 'Degraded: names every stalled or failing partition')
  health(): ConsumerHealthReport {
    const report = this.consumer.report(Date.now());
    if (report.status !== 'ok') throw new ServiceUnavailableException(report);
    return report;
  }

  /** Liveness for orchestrators: the process is up and its modules have initialised. */
  @Get('health/live')
  @ZodResponse(200, livenessSchema, 'The process is up')
  live(): z.infer<typeof livenessSchema> {
    return { status: 'ok' };
  }
}
