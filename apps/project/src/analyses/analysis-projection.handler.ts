import { ArticleAnalyzedEvent, EventBatch, TOPICS } from '@chronicle/contracts';
import { foldAnalyses } from '@chronicle/domain';
import { applyBatchOnce } from '@chronicle/persistence';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { AnalysisReadModelRepository } from './analysis-read-model.repository';

@Controller()
export class AnalysisProjectionHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Projects ArticleAnalyzed into actors, mentions and statements, exactly once per event. */
  @EventPattern(TOPICS.analyses)
  async handle(batch: EventBatch): Promise<void> {
    await applyBatchOnce(this.dataSource, batch, async (manager, fresh) => {
      const analyzed = fresh.flatMap(({ event }) => (event.type === 'ArticleAnalyzed' ? [event as ArticleAnalyzedEvent] : []));
      await new AnalysisReadModelRepository(manager).apply(foldAnalyses(analyzed));
    });
  }
}
