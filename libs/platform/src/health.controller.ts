import { Controller, Get } from '@nestjs/common';

@Controller()
export class HealthController {
  /** Liveness for orchestrators: the process is up and its modules have initialised. */
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
