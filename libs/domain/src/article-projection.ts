import { ArticleSubmittedEvent } from '@chronicle/contracts';

export interface SubmittedArticleRow {
  id: string;
  url: string | null;
  outlet: string | null;
  title: string;
  body: string;
  publishedAt: string | null;
  receivedAt: string;
}

/** Article rows for a batch of submissions; a later submission of the same id wins. */
export function foldSubmissions(events: readonly ArticleSubmittedEvent[]): SubmittedArticleRow[] {
  const latest = new Map<string, SubmittedArticleRow>();
  for (const { data } of events) {
    latest.set(data.articleId, {
      id: data.articleId,
      url: data.url,
      outlet: data.outlet,
      title: data.title,
      body: data.body,
      publishedAt: data.publishedAt,
      receivedAt: data.receivedAt,
    });
  }
  return [...latest.values()];
}
