import { ArticleLifecycleEvent, PositionedEvent } from '@chronicle/contracts';

const envelope = { version: 1, occurredAt: '2026-01-01T00:00:00.000Z', metadata: { correlationId: 'c', causationId: null } };

const content = (articleId: string, title: string, outlet: string) => ({
  articleId,
  url: null,
  outlet,
  title,
  body: 'Body',
  publishedAt: null,
  language: null,
  receivedAt: '2026-01-01T00:00:00.000Z',
});

const at = (offset: string, event: ArticleLifecycleEvent): PositionedEvent<ArticleLifecycleEvent> => ({
  event,
  offset,
  key: event.data.articleId,
});

/** Test builder: ArticleSubmitted at `offset` of the articles topic. */
export const submitted = (offset: string, id: string, title = 'First', outlet = 'Example News') =>
  at(offset, { ...envelope, id: `s${offset}`, type: 'ArticleSubmitted', data: content(id, title, outlet) });

/** Test builder: ArticleRevised at `offset` of the articles topic. */
export const revised = (offset: string, id: string, title = 'Second', outlet = 'Example News') =>
  at(offset, { ...envelope, id: `r${offset}`, type: 'ArticleRevised', data: content(id, title, outlet) });

/** Test builder: ArticleRetracted at `offset` of the articles topic. */
export const retracted = (offset: string, id: string, reason?: string) =>
  at(offset, {
    ...envelope,
    id: `x${offset}`,
    type: 'ArticleRetracted',
    data: { articleId: id, retractedAt: '2026-01-02T00:00:00.000Z', ...(reason === undefined ? {} : { reason }) },
  });
