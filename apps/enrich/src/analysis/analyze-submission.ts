import {
  ARTICLE_ANALYZED,
  ArticleAnalyzedEvent,
  ArticleRevisedEvent,
  ArticleSubmittedEvent,
  AnalysisData,
  createEvent,
  deterministicId,
  fitAnalysisToBudget,
  jsonBytes,
} from '@chronicle/contracts';
import type { ArticleAnalyzer } from '@chronicle/nlp';

/**
 * Builds the ArticleAnalyzed event for a submission or revision found at `sourceOffset` on the
 * articles topic. Its id depends only on the input and the analyzer version (which names the sentiment
 * encoder when it ran). An event whose JSON would take more than `maxEventBytes` (the publisher's message
 * limit) carries the analysis cut to fit (`fitAnalysisToBudget`, counted in `analysis.truncated`): the
 * article is analysed, not dead-lettered.
 */
export async function analyzeSubmission(
  submitted: ArticleSubmittedEvent | ArticleRevisedEvent,
  analyze: ArticleAnalyzer,
  analyzedAt: string,
  sourceOffset?: string,
  maxEventBytes = Number.POSITIVE_INFINITY,
): Promise<ArticleAnalyzedEvent> {
  const { data } = submitted;
  const analysis = await analyze({ id: data.articleId, title: data.title, body: data.body });
  const event = analyzedEvent(submitted, analyzedAt, sourceOffset, analysis);
  const bytes = jsonBytes(event);
  if (bytes <= maxEventBytes) return event;
  const envelopeBytes = bytes - jsonBytes(analysis);
  return analyzedEvent(submitted, analyzedAt, sourceOffset, fitAnalysisToBudget(analysis, maxEventBytes - envelopeBytes));
}

function analyzedEvent(
  submitted: ArticleSubmittedEvent | ArticleRevisedEvent,
  analyzedAt: string,
  sourceOffset: string | undefined,
  analysis: AnalysisData,
): ArticleAnalyzedEvent {
  const { data } = submitted;
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
      id: deterministicId('article-analyzed', submitted.id, analysis.analyzerVersion),
      occurredAt: analyzedAt,
      metadata: { correlationId: submitted.metadata.correlationId, causationId: submitted.id },
    },
  );
}
