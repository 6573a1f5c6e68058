import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { ARTICLE_ANALYZED, ArticleAnalyzedEvent, EventBatch, TOPICS } from '@chronicle/contracts';
import { applyBatchOnce } from '@chronicle/persistence';
import { MetricsRegistry } from '@chronicle/platform';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { prepareAnalyses, projectAnalyses } from '../read-models/read-model.projector';
import { PgReadModelTransaction } from '../read-models/read-model-transaction';

@Controller()
export class AnalysisProjectionHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {}

  /** Projects ArticleAnalyzed into articles, actors, mentions, statements and their aggregates, exactly once per event. */
  @EventPattern(TOPICS.analyses)
  async handle(batch: EventBatch): Promise<void> {
    const analyzedIn = (events: EventBatch['events']) =>
      events.flatMap(({ event }) => (event.type === ARTICLE_ANALYZED ? [event as ArticleAnalyzedEvent] : []));
    const { aggregates } = this.config.projection;
    // Folded and encoded before the transaction opens (it is used if nothing in place needs replacing).
    const prepared = await prepareAnalyses(analyzedIn(batch.events), { aggregates: aggregates === 'incremental' });
    let tx: PgReadModelTransaction | undefined;
    await applyBatchOnce(this.dataSource, batch, async (manager, fresh) => {
      tx = new PgReadModelTransaction(manager, aggregates);
      await projectAnalyses(tx, analyzedIn(fresh), prepared);
    });
    // Counted once committed, so a rolled-back batch is not reported as written.
    for (const [table, rows] of tx?.rowsWritten ?? []) this.metrics.rowsWritten.inc({ table }, rows);
  }
}
