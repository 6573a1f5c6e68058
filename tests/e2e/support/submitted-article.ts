import { ARTICLE_SUBMITTED, ArticleSubmittedEvent, createEvent } from '@chronicle/contracts';

/** An ArticleSubmitted event with one attributable quote, for tests that write straight to the log. */
export function submittedArticle(id: string, options: { outlet: string; title?: string }): ArticleSubmittedEvent {
  return createEvent<ArticleSubmittedEvent>(
    ARTICLE_SUBMITTED,
    {
      articleId: id,
      url: null,
      outlet: options.outlet,
      title: options.title ?? `Article ${id}`,
      body: `"We are ready," Prime Minister Maria Lindqvist said about ${id}.`,
      publishedAt: null,
      language: 'en',
      receivedAt: '2026-02-01T00:00:00.000Z',
    },
    { id: `event-${id}`, occurredAt: '2026-02-01T00:00:00.000Z', metadata: { correlationId: id, causationId: null } },
  );
}
