import { ArticleRevisedEvent, ArticleSubmittedEvent } from '../event-decoder';
import { sanitizeText } from './sanitize-text';

/**
 * An article version with its free text (title, body, outlet, language) run through
 * {@link sanitizeText}, for consumers that analyse articles stored before ingest sanitised them.
 * Returns the same event when nothing changes; ids, URL and times are left as they are.
 */
export function withSanitizedText<E extends ArticleSubmittedEvent | ArticleRevisedEvent>(event: E): E {
  const { title, body, outlet, language } = event.data;
  const clean = {
    title: sanitizeText(title),
    body: sanitizeText(body),
    outlet: outlet === null ? null : sanitizeText(outlet),
    language: language === null ? null : sanitizeText(language),
  };
  if (clean.title === title && clean.body === body && clean.outlet === outlet && clean.language === language) return event;
  return { ...event, data: { ...event.data, ...clean } };
}
