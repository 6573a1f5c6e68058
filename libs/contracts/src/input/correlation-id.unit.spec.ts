import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORRELATION_ID_MAX_LENGTH, normalizeCorrelationId } from './correlation-id';

const FRESH = 'fresh-id';
const fresh = () => FRESH;
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) });

describe(normalizeCorrelationId.name, () => {
  describe('when the header is a short printable ASCII id', () => {
    it('propagates it, trimmed', () => {
      expect(normalizeCorrelationId('req-42', fresh)).toBe('req-42');
      expect(normalizeCorrelationId('  3f2a9c1e-0000-4000-8000-000000000000 ', fresh)).toBe(
        '3f2a9c1e-0000-4000-8000-000000000000',
      );
      expect(normalizeCorrelationId('x'.repeat(CORRELATION_ID_MAX_LENGTH), fresh)).toHaveLength(CORRELATION_ID_MAX_LENGTH);
    });
  });

  describe('when the header is missing, empty, over-long, repeated or not printable ASCII', () => {
    it('replaces it with a fresh id', () => {
      for (const header of [
        undefined,
        null,
        '',
        '   ',
        'x'.repeat(CORRELATION_ID_MAX_LENGTH + 1),
        ['a', 'b'],
        'a\u0000b',
        'a\nb',
        'ünï',
        'a\u007fb',
      ]) {
        expect(normalizeCorrelationId(header, fresh), JSON.stringify(header)).toBe(FRESH);
      }
    });
  });

  describe('when given any header', () => {
    it('returns the trimmed header or the fresh id, always 1-128 printable ASCII characters', () => {
      fc.assert(
        fc.property(fc.oneof(codeUnits, fc.string({ unit: 'binary' }), fc.string({ maxLength: 200 })), (header) => {
          const id = normalizeCorrelationId(header, fresh);
          expect([header.trim(), FRESH]).toContain(id);
          expect(id).toMatch(/^[\x20-\x7E]{1,128}$/);
        }),
        { numRuns: 2000 },
      );
    });
  });
});
