import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../common/keyset-cursor';
import { encodeStanceCursor, stanceCursor } from './stance-cursor';

describe('stance cursors', () => {
  describe('when made from the end of a page', () => {
    it('decode to that end', () => {
      fc.assert(
        fc.property(
          fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
          fc.integer({ min: 0, max: 999 }),
          fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).filter((id) => !id.includes('\0')),
          fc.nat({ max: 2_147_483_647 }),
          fc.integer({ min: 1, max: 500 }),
          (at, micros, articleId, start, position) => {
            const saidAt = `${at.toISOString().slice(0, 19)}.${String(at.getUTCMilliseconds() * 1000 + micros).padStart(6, '0')}Z`;
            const key = { saidAt, articleId, start, position };
            expect(stanceCursor.parse(encodeStanceCursor(key))).toEqual(key);
          },
        ),
      );
    });
  });

  describe('when it is not a stance cursor', () => {
    it('is refused as a cursor from no previous page', () => {
      for (const bad of [
        'not a cursor!',
        encodeCursor(['newest', '2026-05-17T08:00:00Z', 's1']),
        encodeCursor(['2026-05-17T08:00:00Z', 'a1', -1, 1]),
        encodeCursor(['2026-05-17T08:00:00Z', 'a1', 2_147_483_648, 1]),
        encodeCursor(['2026-05-17T08:00:00Z', 'a1', 1.5, 1]),
        encodeCursor(['2026-05-17T08:00:00Z', 'a1', 10, 0]),
        encodeCursor(['2026-05-17T08:00:00Z', 'a\0b', 10, 1]),
        encodeCursor(['0000-01-01T00:00:00Z', 'a1', 10, 1]),
        encodeCursor(['2026-05-17T08:00:00Z', 'a1', 10]),
      ]) {
        const result = stanceCursor.safeParse(bad);
        expect(result.success, bad).toBe(false);
        expect(result.error?.issues[0]?.message).toBe('must be a cursor from a previous page');
      }
    });
  });
});
