import { ArticleAnalyzedEvent, EventBatch, TOPICS } from '@chronicle/contracts';
import { EventPublisher } from '@chronicle/kafka';
import { Controller, Inject, Logger } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { AnalysisPool } from './analysis-pool';

@Controller()
export class ArticleAnalysisHandler {
  private readonly logger = new Logger(ArticleAnalysisHandler.name);

  constructor(
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(AnalysisPool) private readonly analyses: AnalysisPool,
  ) {}

  /**
   * Analyses every submitted or revised article in the batch (see `analyzeBatch`) on the analysis pool's threads
   * and publishes the results before the batch's offsets are committed (at-least-once; event ids are deterministic,
   * so a redelivery republishes the same facts and projections ignore the repeat). An analysis too large for one
   * message is cut to fit the publisher's limit, and says what it left out.
   */
  @EventPattern(TOPICS.articles)
  async handle(batch: EventBatch): Promise<void> {
    const entries = batch.events.map(({ event, offset }) => ({ event, offset }));
    const analyses = await this.analyses.analyze(entries, new Date().toISOString(), this.publisher.messageLimitBytes);
    analyses.forEach((event) => this.warnIfTruncated(event));
    await this.publisher.publish(
      'analyses',
      analyses.map((event) => ({ key: event.data.articleId, event })),
    );
  }

  private warnIfTruncated({ data, metadata }: ArticleAnalyzedEvent): void {
    const { truncated } = data.analysis;
    if (!truncated) return;
    this.logger.warn({
      message: `analysis of article ${data.articleId} cut to the ${this.publisher.messageLimitBytes}-byte message limit`,
      articleId: data.articleId,
      correlationId: metadata.correlationId,
      left: truncated,
    });
  }
}
