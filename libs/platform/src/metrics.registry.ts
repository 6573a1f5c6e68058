import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/** One Prometheus registry per process, with the batch metrics every consumer reports. */
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly eventsConsumed: Counter<'topic'>;
  readonly eventsDeadLettered: Counter<'topic'>;
  readonly consumerLag: Gauge<'topic' | 'partition'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.eventsConsumed = new Counter({
      name: 'chronicle_events_consumed_total',
      help: 'Events handed to handlers',
      labelNames: ['topic'],
      registers: [this.registry],
    });
    this.eventsDeadLettered = new Counter({
      name: 'chronicle_events_dead_lettered_total',
      help: 'Messages sent to the dead-letter topic',
      labelNames: ['topic'],
      registers: [this.registry],
    });
    this.consumerLag = new Gauge({
      name: 'chronicle_consumer_lag',
      help: 'Messages behind the high watermark after the last batch',
      labelNames: ['topic', 'partition'],
      registers: [this.registry],
    });
  }
}
