import { RequiresScope } from './auth/route-access.decorator';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { MetricsRegistry } from './metrics.registry';

@RequiresScope('metrics')
@ApiTags('metrics')
@Controller()
export class MetricsController {
  constructor(@Inject(MetricsRegistry) private readonly metrics: MetricsRegistry) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiResponse({
    status: 200,
    description: 'Prometheus text exposition format. Also open to the `METRICS_TOKEN` bearer token when one is set.',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
