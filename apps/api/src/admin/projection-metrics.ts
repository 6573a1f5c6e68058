import { ProjectionVersions } from '@chronicle/persistence';
import { MetricsRegistry } from '@chronicle/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * Rebuild progress and live versions as Prometheus gauges, read from `projection_versions` at
 * scrape time (the rebuild runs in another process; the table is where its progress lives).
 */
@Injectable()
export class ProjectionMetrics implements OnModuleInit {
  constructor(
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const versions = new ProjectionVersions(this.dataSource);
    const rows = () => versions.current();
    new Gauge({
      name: 'chronicle_projection_rebuild_progress_ratio',
      help: 'Share of the log a running projection rebuild has folded (0..1)',
      labelNames: ['projection', 'version'],
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        for (const row of await rows()) {
          if (row.status !== 'building') continue;
          const total = row.eventsTotal ?? 0;
          this.set({ projection: row.name, version: String(row.version) }, total > 0 ? row.eventsDone / total : 0);
        }
      },
    });
    new Gauge({
      name: 'chronicle_projection_live_version',
      help: 'Version of each projection that serves reads',
      labelNames: ['projection'],
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        for (const row of await rows()) if (row.status === 'live') this.set({ projection: row.name }, row.version);
      },
    });
  }
}
