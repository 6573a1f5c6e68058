import { EventBatch, TOPICS } from '@chronicle/contracts';
import { EventPublisher } from '@chronicle/kafka';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { AnalysisPool } from './analysis-pool';

@Controller()
export class ArticleAnalysisHandler {
  constructor(
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(AnalysisPool) private readonly analyses: AnalysisPool,
  ) {}

  /**
   * Analyses every submitted or revised article in the batch (see `analyzeBatch`) on the analysis pool's threads
   * and publishes the results before the batch's offsets are committed (at-least-once; event ids are deterministic,
   * so a redelivery republishes the same facts and projections ignore the repeat).
   */
  @EventPattern(TOPICS.articles)
  async handle(batch: EventBatch): Promise<void> {
    const entries = batch.events.map(({ event, offset }) => ({ event, offset }));
    const analyses = await this.analyses.analyze(entries, new Date().toISOString());
    await this.publisher.publish(
      'analyses',
      analyses.map((event) => ({ key: event.data.articleId, event })),
    );
  }
}
