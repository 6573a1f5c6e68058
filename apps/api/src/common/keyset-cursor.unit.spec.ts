import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cursorParam, encodeCursor } from './keyset-cursor';

const newestFirst = cursorParam(z.tuple([z.string().datetime(), z.string().min(1)]));

describe('keyset cursors', () => {
  it('decode to the key they were made from', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
        fc.string({ minLength: 1 }),
        (at, id) => {
          const key: [string, string] = [at.toISOString(), id];
          expect(newestFirst.parse(encodeCursor(key))).toEqual(key);
        },
      ),
    );
  });

  it('refuse anything that is not a cursor of this key shape', () => {
    for (const bad of [
      '',
      'not a cursor!',
      encodeCursor([1, 2]),
      encodeCursor(['2026-01-01T00:00:00Z']),
      'e30',
      'x'.repeat(2000),
    ]) {
      const result = newestFirst.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('must be a cursor from a previous page');
    }
  });
});
