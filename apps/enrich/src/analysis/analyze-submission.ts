import {
  ARTICLE_ANALYZED,
  ArticleAnalyzedEvent,
  ArticleRevisedEvent,
  ArticleSubmittedEvent,
  createEvent,
  deterministicId,
} from '@chronicle/contracts';
import { analyzeArticle, ANALYZER_VERSION } from '@chronicle/nlp';

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
