import { MetricsRegistry } from '@chronicle/platform';
import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';

/** The feeds service's counters, on the service's one registry. */
@Injectable()
export class FeedMetrics {
  /** Polls by outcome: fetched, not-modified (304), deferred (Retry-After), failed. */
  readonly polls: Counter<'outcome'>;
  readonly newArticles: Counter;

  constructor(@Inject(MetricsRegistry) metrics: MetricsRegistry) {
    this.polls = new Counter({
      name: 'chronicle_feed_polls_total',
      help: 'Feed polls by outcome (fetched, not-modified, deferred, failed)',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    this.newArticles = new Counter({
      name: 'chronicle_feed_articles_submitted_total',
      help: 'Articles submitted from feed entries',
      registers: [metrics.registry],
    });
  }
}
