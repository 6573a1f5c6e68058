import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { createKafka, fetchHighWatermarks } from '@chronicle/kafka';
import { PROJECTIONS, ProjectionVersions } from '@chronicle/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProjectionStatus } from './admin.view';

/** Live version, per-partition progress and lag of each projection, and any rebuild under way. */
@Injectable()
export class ProjectionStatusService {
  private readonly kafka: ReturnType<typeof createKafka>;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {
    this.kafka = createKafka(config.kafka, 'api-admin');
  }

  async statuses(): Promise<ProjectionStatus[]> {
    return Promise.all(Object.keys(PROJECTIONS).map((name) => this.status(name)));
  }

  private async status(name: string): Promise<ProjectionStatus> {
    const projection = PROJECTIONS[name]!;
    const liveConsumer = `${this.config.kafka.groupPrefix}${projection.group}`;
    const versions = await new ProjectionVersions(this.dataSource).history(name);
    const live = versions.find((v) => v.status === 'live');
    const latest = versions[0];
    const positions: Array<{ topic: string; partition: number; next_offset: string }> = await this.dataSource.query(
      'SELECT topic, partition, next_offset FROM consumer_positions WHERE consumer = $1',
      [liveConsumer],
    );
    const ends = await fetchHighWatermarks(this.kafka, this.config.kafka, projection.topics);
    const partitions = [...ends].map(([key, end]) => {
      const separator = key.lastIndexOf(':');
      const topic = key.slice(0, separator);
      const partition = Number(key.slice(separator + 1));
      const position = Number(positions.find((p) => p.topic === topic && p.partition === partition)?.next_offset ?? 0);
      return { topic, partition, position, end: Number(end), lag: Math.max(0, Number(end) - position) };
    });
    partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    return {
      name,
      live: {
        version: live?.version ?? 1,
        consumer: liveConsumer,
        activatedAt: live?.activatedAt ?? null,
        lag: partitions.reduce((sum, p) => sum + p.lag, 0),
        partitions,
      },
      rebuild:
        latest && latest.status !== 'live' && latest.status !== 'retired'
          ? {
              version: latest.version,
              status: latest.status,
              eventsDone: latest.eventsDone,
              eventsTotal: latest.eventsTotal,
              startedAt: latest.startedAt,
              error: latest.error,
            }
          : null,
    };
  }
}
