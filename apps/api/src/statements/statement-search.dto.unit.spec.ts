import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../common/keyset-cursor';
import { encodeStatementCursor, newestFirstCursor, statementCursor } from './statement-cursor';
import { searchQuerySchema, streamQuerySchema } from './statement-search.dto';

const problems = (input: Record<string, string>): string[] => {
  const result = searchQuerySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

/** `said_at` as the read model gives it for a cursor: UTC, six fraction digits, years 1..9999. */
const saidAtKey = fc
  .tuple(
    fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([date, micros]) => `${date.toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z`);
const statementId = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((id) => !id.includes('\0'));

describe('statementCursor', () => {
  describe('when a page end is encoded and read back', () => {
    it('gives back the same key in the same order, for newest-first and best-match pages', () => {
      fc.assert(
        fc.property(saidAtKey, statementId, (saidAt, id) => {
          const key = { order: 'newest' as const, after: { saidAt, id } };
          expect(statementCursor.parse(encodeStatementCursor(key))).toEqual(key);
          expect(newestFirstCursor.parse(encodeStatementCursor(key))).toEqual(key);
        }),
      );
      fc.assert(
        fc.property(
          fc.float({ min: 0, max: 1000, noNaN: true }),
          statementId,
          saidAtKey,
          statementId,
          (rank, id, saidAt, newestId) => {
            const key = { order: 'rank' as const, after: { rank, id, newest: { saidAt, id: newestId } } };
            expect(statementCursor.parse(encodeStatementCursor(key))).toEqual(key);
          },
        ),
      );
    });
  });

  describe('when a cursor is not one of these keys', () => {
    it('is refused', () => {
      const newest = { saidAt: '2026-03-03T10:00:00.123456Z', id: 's9' };
      const rank = encodeStatementCursor({ order: 'rank', after: { rank: 0.5, id: 's1', newest } });
      expect(newestFirstCursor.safeParse(rank).success).toBe(false);
      for (const key of [
        ['newest', 'yesterday', 's1'],
        ['newest', '0000-01-01T00:00:00.000000Z', 's1'],
        ['rank', -1, 's1', newest.saidAt, 's9'],
        ['rank', 1, '', newest.saidAt, 's9'],
        ['rank', 1, 's1'],
        ['rank', 1, 's1', 'yesterday', 's9'],
      ]) {
        expect(statementCursor.safeParse(encodeCursor(key)).success, JSON.stringify(key)).toBe(false);
      }
    });
  });
});

describe('searchQuerySchema', () => {
  describe('when only a query is given', () => {
    it('parses it and orders by rank, with no window', () => {
      const parsed = searchQuerySchema.parse({ q: 'sanctions -oil' });
      expect(parsed.order).toBe('rank');
      expect(parsed.filter.query).toEqual({
        op: 'and',
        of: [
          { op: 'term', words: ['sanctions'], prefix: false },
          { op: 'not', of: { op: 'term', words: ['oil'], prefix: false } },
        ],
      });
      expect(parsed.filter.from).toBeUndefined();
      expect(parsed.limit).toBe(20);
    });
  });

  describe('when parameters are wrong', () => {
    it('names each one', () => {
      expect(problems({ q: '(sanctions' })).toEqual(['q: expected ")" but found end of query']);
      expect(problems({ q: 'AND' })[0]).toMatch(/^q: /);
      expect(problems({ order: 'rank' })).toEqual(['order: `rank` needs a query `q`']);
      expect(problems({ from: '2026-05-02T00:00:00Z', to: '2026-05-01T00:00:00Z' })).toEqual(['from: must be before `to`']);
      expect(problems({ from: '2025-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' })).toEqual([
        'to: the window from `from` to `to` must span at most 366 days',
      ]);
      expect(problems({ kind: 'quoted' })[0]).toMatch(/^kind: /);
      expect(problems({ sentiment: 'angry' })[0]).toMatch(/^sentiment: /);
      expect(problems({ limit: '101' })[0]).toMatch(/^limit: /);
      expect(problems({ actor: 'a\0b' })[0]).toMatch(/^actor: /);
      expect(problems({ page: '2' })[0]).toMatch(/page/);
    });

    it('refuses a cursor of the other order', () => {
      const newest = encodeStatementCursor({ order: 'newest', after: { saidAt: '2026-05-01T00:00:00.000000Z', id: 's1' } });
      expect(problems({ q: 'oil', cursor: newest })).toEqual(['cursor: must be a cursor from a previous page in `rank` order']);
      expect(problems({ q: 'oil', order: 'newest', cursor: newest })).toEqual([]);
      expect(problems({ cursor: 'not a cursor!' })).toEqual(['cursor: must be a cursor from a previous page']);
    });
  });
});

describe('streamQuerySchema', () => {
  it('takes a stream position in digits and an actor, nothing else', () => {
    expect(streamQuerySchema.parse({ lastEventId: '42', actor: 'person:x' })).toEqual({ lastEventId: '42', actor: 'person:x' });
    expect(streamQuerySchema.safeParse({ lastEventId: '1e3' }).success).toBe(false);
    expect(streamQuerySchema.safeParse({ subscription: 'x' }).success).toBe(false);
  });
});
