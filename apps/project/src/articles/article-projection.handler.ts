import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import {
  ARTICLE_RETRACTED,
  ARTICLE_REVISED,
  ARTICLE_SUBMITTED,
  ArticleLifecycleEvent,
  EventBatch,
  PositionedEvent,
  TOPICS,
} from '@chronicle/contracts';
import { applyBatchOnce } from '@chronicle/persistence';
import { MetricsRegistry } from '@chronicle/platform';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { projectLifecycle } from '../read-models/read-model.projector';
import { PgReadModelTransaction } from '../read-models/read-model-transaction';

const LIFECYCLE_TYPES = new Set<string>([ARTICLE_SUBMITTED, ARTICLE_REVISED, ARTICLE_RETRACTED]);

@Controller()
export class ArticleProjectionHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {}

  /** Projects submissions, revisions and retractions into `articles` (and withdraws retracted contributions), exactly once. */
  @EventPattern(TOPICS.articles)
  async handle(batch: EventBatch): Promise<void> {
    let tx: PgReadModelTransaction | undefined;
    await applyBatchOnce(this.dataSource, batch, async (manager, fresh) => {
      const lifecycle = fresh.filter((e): e is PositionedEvent<ArticleLifecycleEvent> => LIFECYCLE_TYPES.has(e.event.type));
      tx = new PgReadModelTransaction(manager, this.config.projection.aggregates);
      await projectLifecycle(tx, lifecycle);
    });
    for (const [table, rows] of tx?.rowsWritten ?? []) this.metrics.rowsWritten.inc({ table }, rows);
  }
}
