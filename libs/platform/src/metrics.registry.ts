import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds, fine enough from 5 ms to 1 s for stage percentiles, coarse beyond. */
const LATENCY_BUCKETS = [
  0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30,
  60,
];

/** One Prometheus registry per process, with the batch metrics every consumer reports. */
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly eventsConsumed: Counter<'topic'>;
  readonly eventsDeadLettered: Counter<'topic'>;
  readonly consumerLag: Gauge<'topic' | 'partition'>;
  readonly batchSize: Histogram<'topic'>;
  readonly batchDuration: Histogram<'topic'>;
  readonly eventAge: Histogram<'topic'>;
  readonly rowsWritten: Counter<'table'>;
  readonly sentimentEntriesCompacted: Counter;
  readonly sentimentEntriesPending: Gauge;
  readonly sentimentEntriesTotalled: Counter;
  readonly actorPairEntriesPacked: Counter;
  readonly actorPairEntriesPending: Gauge;
  readonly actorPairWeeksMerged: Counter;

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
      help: "Messages behind the broker's end offset, per partition this replica owns (checked every CONSUMER_LAG_INTERVAL_MS)",
      labelNames: ['topic', 'partition'],
      registers: [this.registry],
    });
    this.batchSize = new Histogram({
      name: 'chronicle_batch_size_events',
      help: 'Events per batch handed to a handler',
      labelNames: ['topic'],
      buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
      registers: [this.registry],
    });
    this.batchDuration = new Histogram({
      name: 'chronicle_batch_duration_seconds',
      help: 'Time from receiving a batch to committing its offset (handling, retries and dead-lettering included)',
      labelNames: ['topic'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.eventAge = new Histogram({
      name: 'chronicle_event_age_seconds',
      help: "Per event, time from its append to the topic (the broker's timestamp) to its batch's commit: queueing plus handling at this stage",
      labelNames: ['topic'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.rowsWritten = new Counter({
      name: 'chronicle_read_model_rows_written_total',
      help: 'Read-model rows written by committed batches (inserted, updated or upserted)',
      labelNames: ['table'],
      registers: [this.registry],
    });
    this.sentimentEntriesCompacted = new Counter({
      name: 'chronicle_sentiment_entries_compacted_total',
      help: 'Sentiment ledger entries of crowded hours folded into one row per hour',
      registers: [this.registry],
    });
    this.sentimentEntriesPending = new Gauge({
      name: 'chronicle_sentiment_entries_pending',
      help: 'Sentiment hour entries at or above the mark, not yet in the running totals (after the last round; counted up to a million)',
      registers: [this.registry],
    });
    this.sentimentEntriesTotalled = new Counter({
      name: 'chronicle_sentiment_entries_totalled_total',
      help: 'Sentiment hour entries added to the running totals trends read',
      registers: [this.registry],
    });
    this.actorPairEntriesPacked = new Counter({
      name: 'chronicle_actor_pair_entries_packed_total',
      help: 'Co-mention ledger entries moved into the packed weeks related actors read',
      registers: [this.registry],
    });
    this.actorPairEntriesPending = new Gauge({
      name: 'chronicle_actor_pair_entries_pending',
      help: 'Co-mention ledger entries not packed yet after the last packing round (0 when it found fewer than its budget)',
      registers: [this.registry],
    });
    this.actorPairWeeksMerged = new Counter({
      name: 'chronicle_actor_pair_weeks_merged_total',
      help: 'Weeks of packed co-mentions whose change rows a packing round merged into one row',
      registers: [this.registry],
    });
  }
}
