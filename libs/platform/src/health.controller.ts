import { PublicRoute } from './auth/route-access.decorator';
import { ConsumerHealth, ConsumerHealthReport } from '@chronicle/kafka';
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';

@PublicRoute()
@Controller()
export class HealthController {
  constructor(@Inject(ConsumerHealth) private readonly consumer: ConsumerHealth) {}

  /**
   * Readiness that tells the truth: 200 `ok`, or 503 `degraded` naming every stalled or failing
   * partition (with its position and last error) and a dead-letter rate over the limit. Services
   * that consume nothing are always ok.
   */
  @Get('health')
  health(): ConsumerHealthReport {
    const report = this.consumer.report(Date.now());
    if (report.status !== 'ok') throw new ServiceUnavailableException(report);
    return report;
  }

  /** Liveness for orchestrators: the process is up and its modules have initialised. */
  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
