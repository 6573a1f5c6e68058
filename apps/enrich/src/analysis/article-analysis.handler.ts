import { ARTICLE_REVISED, ARTICLE_SUBMITTED, EventBatch, TOPICS, withSanitizedText } from '@chronicle/contracts';
import { EventPublisher } from '@chronicle/kafka';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { analyzeSubmission } from './analyze-submission';

@Controller()
export class ArticleAnalysisHandler {
  constructor(@Inject(EventPublisher) private readonly publisher: EventPublisher) {}

  /**
   * Analyses every submitted or revised article in the batch (retractions need no analysis:
   * projections read them from the articles topic) and publishes the results before the
   * batch's offsets are committed (at-least-once; event ids are deterministic, so a
   * redelivery republishes the same facts and projections ignore the repeat). Text is sanitized
   * again first: articles logged before ingest sanitized them must not poison the analyses.
   */
  @EventPattern(TOPICS.articles)
  async handle(batch: EventBatch): Promise<void> {
    const analyzedAt = new Date().toISOString();
    const results = batch.events.flatMap(({ event, offset }) =>
      event.type === ARTICLE_SUBMITTED || event.type === ARTICLE_REVISED
        ? [{ key: event.data.articleId, event: analyzeSubmission(withSanitizedText(event), analyzedAt, offset) }]
        : [],
    );
    await this.publisher.publish('analyses', results);
  }
}
