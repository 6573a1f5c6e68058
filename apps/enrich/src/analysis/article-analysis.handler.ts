import {
  ARTICLE_ANALYZED,
  ArticleAnalyzedEvent,
  ArticleRevisedEvent,
  ArticleSubmittedEvent,
  createEvent,
  deterministicId,
  EventBatch,
  TOPICS,
} from '@chronicle/contracts';
import { EventPublisher } from '@chronicle/kafka';
import { analyzeArticle, ANALYZER_VERSION } from '@chronicle/nlp';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

/**
 * Builds the ArticleAnalyzed event for a submission or revision found at `sourceOffset` on the
 * articles topic. Its id depends only on the input and analyzer version.
 */
export function analyzeSubmission(
  submitted: ArticleSubmittedEvent | ArticleRevisedEvent,
  analyzedAt: string,
  sourceOffset?: string,
): ArticleAnalyzedEvent {
  const { data } = submitted;
  const analysis = analyzeArticle({ id: data.articleId, title: data.title, body: data.body });
  return createEvent<ArticleAnalyzedEvent>(
    ARTICLE_ANALYZED,
    {
      articleId: data.articleId,
      sourceEventId: submitted.id,
      ...(sourceOffset === undefined ? {} : { sourceOffset }),
      url: data.url,
      outlet: data.outlet,
      title: data.title,
      publishedAt: data.publishedAt,
      receivedAt: data.receivedAt,
      analyzedAt,
      analysis,
    },
    {
      id: deterministicId('article-analyzed', submitted.id, ANALYZER_VERSION),
      occurredAt: analyzedAt,
      metadata: { correlationId: submitted.metadata.correlationId, causationId: submitted.id },
    },
  );
}

@Controller()
export class ArticleAnalysisHandler {
  constructor(@Inject(EventPublisher) private readonly publisher: EventPublisher) {}

  /**
   * Analyses every submitted or revised article in the batch (retractions need no analysis:
   * projections read them from the articles topic) and publishes the results before the
   * batch's offsets are committed (at-least-once; event ids are deterministic, so a
   * redelivery republishes the same facts and projections ignore the repeat).
   */
  @EventPattern(TOPICS.articles)
  async handle(batch: EventBatch): Promise<void> {
    const analyzedAt = new Date().toISOString();
    const results = batch.events.flatMap(({ event, offset }) =>
      event.type === 'ArticleSubmitted' || event.type === 'ArticleRevised'
        ? [{ key: event.data.articleId, event: analyzeSubmission(event, analyzedAt, offset) }]
        : [],
    );
    await this.publisher.publish('analyses', results);
  }
}
