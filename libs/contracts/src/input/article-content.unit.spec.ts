import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArticleSubmittedEvent } from '../event-decoder';
import { createEvent } from '../event-factory';
import { ARTICLE_SUBMITTED } from '../events/article-submitted.event';
import { withSanitizedText } from './article-content';
import { sanitizeText } from './sanitize-text';

const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) });

function version(data: Partial<ArticleSubmittedEvent['data']>): ArticleSubmittedEvent {
  return createEvent<ArticleSubmittedEvent>(
    ARTICLE_SUBMITTED,
    {
      articleId: 'a',
      url: null,
      outlet: null,
      title: 't',
      body: 'b',
      publishedAt: null,
      language: null,
      receivedAt: '2026-01-01T00:00:00Z',
      ...data,
    },
    { id: 'e', occurredAt: '2026-01-01T00:00:00Z', metadata: { correlationId: 'c', causationId: null } },
  );
}

describe(withSanitizedText.name, () => {
  describe('when the stored text is clean', () => {
    it('returns the same event', () => {
      const event = version({ outlet: 'Wire', language: 'en' });
      expect(withSanitizedText(event)).toBe(event);
    });
  });

  describe('when the stored text predates sanitising', () => {
    it('sanitises title, body, outlet and language, and nothing else', () => {
      fc.assert(
        fc.property(codeUnits, codeUnits, codeUnits, (title, body, outlet) => {
          const event = version({ title, body, outlet, language: 'en\u0000' });
          const clean = withSanitizedText(event);
          expect(clean.data).toEqual({
            ...event.data,
            title: sanitizeText(title),
            body: sanitizeText(body),
            outlet: sanitizeText(outlet),
            language: 'en\uFFFD',
          });
          expect(clean.id).toBe(event.id);
        }),
      );
    });
  });
});
