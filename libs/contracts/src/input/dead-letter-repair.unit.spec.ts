import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEAD_LETTER_HEADERS } from '../dead-letter';
import { decodeEvent, encodeEvent, ArticleSubmittedEvent } from '../event-decoder';
import { createEvent } from '../event-factory';
import { ARTICLE_SUBMITTED } from '../events/article-submitted.event';
import { repairDeadLetter } from './dead-letter-repair';
import { sanitizeText } from './sanitize-text';

const FRESH = '00000000-0000-4000-8000-000000000000';
const fresh = () => FRESH;
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) });
const hostileText = fc.oneof(
  codeUnits,
  fc.string({ unit: fc.constantFrom('a', ' ', '\u0000', '\r', '\n', '\u001b', '\uD800', '\uDC00', 'e\u0301', '"', '\\') }),
);

function submitted(overrides: Partial<ArticleSubmittedEvent['data']> = {}, correlationId = 'corr-1'): ArticleSubmittedEvent {
  return createEvent<ArticleSubmittedEvent>(
    ARTICLE_SUBMITTED,
    {
      articleId: 'article-1',
      url: 'https://news.example/a',
      outlet: 'Wire',
      title: 'Title',
      body: 'Body text.',
      publishedAt: null,
      language: 'en',
      receivedAt: '2026-02-01T00:00:00.000Z',
      ...overrides,
    },
    { id: 'event-1', occurredAt: '2026-02-01T00:00:00.000Z', metadata: { correlationId, causationId: null } },
  );
}

function letter(value: Buffer | string | null, headers: Record<string, string> = {}, key: string | null = 'article-1') {
  return {
    key,
    value: value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'),
    headers: {
      'event-type': 'ArticleSubmitted',
      'correlation-id': 'corr-1',
      [DEAD_LETTER_HEADERS.reason]: 'boom',
      'x-dlq-something-newer': 'x',
      ...headers,
    },
  };
}

describe(repairDeadLetter.name, () => {
  describe('when the event is already clean', () => {
    it('re-drives the same event with the original headers, minus the dead-letter ones', () => {
      const event = submitted();
      const result = repairDeadLetter(letter(encodeEvent(event)), fresh);
      expect(result).toMatchObject({ repaired: true, key: 'article-1', changes: [] });
      if (!result.repaired) return;
      expect(decodeEvent(result.value)).toEqual(event);
      expect(result.headers).toEqual({ 'event-type': 'ArticleSubmitted', 'correlation-id': 'corr-1' });
    });
  });

  describe('when text fields hold NUL, lone surrogates, controls or decomposed characters', () => {
    it('sanitises them and says which fields changed', () => {
      const event = submitted({ title: 'A\u0000B', body: 'x\uD800y\r\nz\u001b', outlet: 'Zu\u0308rich' });
      const result = repairDeadLetter(letter(JSON.stringify(event)), fresh);
      expect(result.repaired).toBe(true);
      if (!result.repaired) return;
      const repaired = decodeEvent(result.value) as ArticleSubmittedEvent;
      expect(repaired.data).toMatchObject({ title: 'A\uFFFDB', body: 'x\uFFFDy\nz', outlet: 'Zürich' });
      expect([...result.changes].sort()).toEqual(['data.body', 'data.outlet', 'data.title']);
    });
  });

  describe('when the correlation id is empty, over-long or not printable ASCII', () => {
    it('replaces it in the envelope and the header', () => {
      for (const correlationId of ['', 'x'.repeat(129), 'a\u0000b']) {
        const result = repairDeadLetter(
          letter(JSON.stringify(submitted({}, correlationId)), { 'correlation-id': correlationId }),
          fresh,
        );
        expect(result.repaired).toBe(true);
        if (!result.repaired) continue;
        expect(decodeEvent(result.value).metadata.correlationId).toBe(FRESH);
        expect(result.headers['correlation-id']).toBe(FRESH);
        expect(result.changes).toContain('metadata.correlationId');
      }
    });
  });

  describe('when the article id has surrounding whitespace', () => {
    it('trims it and moves the key with it', () => {
      const result = repairDeadLetter(
        letter(JSON.stringify(submitted({ articleId: ' article-1\n' })), {}, ' article-1\n'),
        fresh,
      );
      expect(result).toMatchObject({ repaired: true, key: 'article-1' });
    });
  });

  describe('when the message cannot be repaired', () => {
    it('says why: no value, not JSON, a bad article id, or still not a valid event', () => {
      expect(repairDeadLetter(letter(null), fresh)).toEqual({ repaired: false, reason: 'empty message value' });
      expect(repairDeadLetter(letter('this is not json'), fresh)).toMatchObject({
        repaired: false,
        reason: expect.stringContaining('not JSON'),
      });
      expect(repairDeadLetter(letter('[1,2]'), fresh)).toMatchObject({ repaired: false });
      expect(repairDeadLetter(letter(JSON.stringify(submitted({ articleId: 'a\u0000b' }))), fresh)).toMatchObject({
        repaired: false,
        reason: expect.stringContaining('data.articleId'),
      });
      expect(repairDeadLetter(letter(JSON.stringify({ ...submitted(), type: 'ArticleTeleported' })), fresh)).toMatchObject({
        repaired: false,
        reason: expect.stringContaining('unknown event type'),
      });
      expect(repairDeadLetter(letter(JSON.stringify(submitted({ body: '\u0001\u0002' }))), fresh)).toMatchObject({
        repaired: false,
        reason: expect.stringContaining('body'),
      });
    });
  });

  describe('when the JSON carries __proto__ keys', () => {
    it('drops them without touching any prototype', () => {
      const raw = encodeEvent(submitted()).toString('utf8').replace('"data":{', '"data":{"__proto__":{"polluted":true},');
      const result = repairDeadLetter(letter(raw, { __proto__: 'x' } as unknown as Record<string, string>), fresh);
      expect(result.repaired).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      if (result.repaired) expect(result.value.toString('utf8')).not.toContain('__proto__');
    });
  });

  describe('when given any text in any field, and any bytes', () => {
    it('either repairs to a valid event whose strings are all sanitised, or refuses with a reason; it never throws', () => {
      fc.assert(
        fc.property(
          fc.record({
            title: hostileText,
            body: hostileText,
            outlet: hostileText,
            correlationId: hostileText,
            articleId: fc.oneof(hostileText, fc.constantFrom('article-1', ' article-2\t', 'x')),
          }),
          ({ title, body, outlet, correlationId, articleId }) => {
            const event = submitted({ title, body, outlet, articleId }, correlationId);
            const result = repairDeadLetter(letter(JSON.stringify(event), { 'correlation-id': correlationId }, articleId), fresh);
            if (!result.repaired) {
              expect(result.reason.length).toBeGreaterThan(0);
              return;
            }
            const repaired = decodeEvent(result.value) as ArticleSubmittedEvent;
            for (const text of [repaired.data.title, repaired.data.body, repaired.data.outlet ?? '']) {
              expect(sanitizeText(text)).toBe(text);
            }
            expect(repaired.metadata.correlationId).toMatch(/^[\x20-\x7E]{1,128}$/);
            expect(result.headers['correlation-id']).toBe(repaired.metadata.correlationId);
            expect(result.key).toBe(repaired.data.articleId);
            expect(Object.keys(result.headers).some((name) => name.startsWith('x-dlq-'))).toBe(false);
            // Repairing twice changes nothing more.
            const again = repairDeadLetter({ key: result.key, value: result.value, headers: result.headers }, fresh);
            expect(again).toMatchObject({ repaired: true, changes: [] });
          },
        ),
        { numRuns: 500 },
      );
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
          const result = repairDeadLetter(letter(Buffer.from(bytes)), fresh);
          expect(typeof result.repaired).toBe('boolean');
        }),
      );
    });
  });
});
