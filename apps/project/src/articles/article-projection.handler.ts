import { ArticleSubmittedEvent, EventBatch, TOPICS } from '@chronicle/contracts';
import { foldSubmissions } from '@chronicle/domain';
import { applyBatchOnce } from '@chronicle/persistence';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { ArticleReadModelRepository } from './article-read-model.repository';

@Controller()
export class ArticleProjectionHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Projects ArticleSubmitted into `articles`, exactly once per event. */
  @EventPattern(TOPICS.articles)
  async handle(batch: EventBatch): Promise<void> {
    await applyBatchOnce(this.dataSource, batch, async (manager, fresh) => {
      const submitted = fresh.flatMap(({ event }) => (event.type === 'ArticleSubmitted' ? [event as ArticleSubmittedEvent] : []));
      await new ArticleReadModelRepository(manager).upsertSubmitted(foldSubmissions(submitted));
    });
  }
}
