import { RequiresScope } from './auth/route-access.decorator';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { MetricsRegistry } from './metrics.registry';

@RequiresScope('metrics')
@Controller()
export class MetricsController {
  constructor(@Inject(MetricsRegistry) private readonly metrics: MetricsRegistry) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
