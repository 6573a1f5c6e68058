import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idParams, instant, MAX_OFFSET, pageLimit, pageOffset, storableText } from './request-values';

const query = z.object({ limit: pageLimit(50), offset: pageOffset, from: instant.optional() });

/** Paths of the problems the API would answer 400 with, or the parsed value. */
function parse(input: Record<string, string>): { ok: true; value: z.infer<typeof query> } | { ok: false; paths: string[] } {
  const result = query.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, paths: result.error.issues.map((i) => i.path.join('.')) };
}

/** What a timestamptz parameter must look like for Postgres to read it whatever its settings. */
const POSTGRES_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** Anything a query string can carry, with the shapes that used to reach Postgres well represented. */
const hostileValue = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('1e20', '1e3', '0x10', '-1', '1.5', '1.0', '+1', ' 1', '', 'NaN', 'Infinity', '99999999999999999999'),
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 31 }),
      fc.constantFrom('Z', '+00:00', '-05:00', '+15:59', '+16:00', '+23:59', '-23:59', '+99:99', '+0530', '-1200'),
      fc.constantFrom('', ':59', ':00.5', ':59.999999999'),
    )
    .map(([y, m, d, zone, seconds]) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}T23:59${seconds}${zone}`),
);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

describe('pageOffset', () => {
  describe('when the offset is written in digits within range', () => {
    it('is that number', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: MAX_OFFSET }), (n) => {
          expect(pageOffset.parse(String(n))).toBe(n);
        }),
      );
      expect(pageOffset.parse(undefined)).toBe(0);
    });
  });

  describe('when the offset is not a whole number Postgres takes', () => {
    it.each(['1e20', '1e3', '0x10', '-1', '1.5', '', ' 1', '+1', String(MAX_OFFSET + 1), '100000000000000000000'])(
      'refuses %j naming the parameter',
      (offset) => {
        expect(parse({ offset })).toEqual({ ok: false, paths: ['offset'] });
      },
    );
  });
});

describe('pageLimit', () => {
  describe('when the limit is absent', () => {
    it('is the endpoint default', () => {
      expect(parse({})).toMatchObject({ ok: true, value: { limit: 50, offset: 0 } });
    });
  });

  describe('when the limit is out of range or not a whole number', () => {
    it.each(['0', '501', '1.5', '1e2', 'ten', '-5'])('refuses %j naming the parameter', (limit) => {
      expect(parse({ limit })).toEqual({ ok: false, paths: ['limit'] });
    });
  });
});

describe('instant', () => {
  describe('when the instant is before year 1 or after 9999 in UTC', () => {
    it.each(['0000-01-01T00:00:00Z', '0000-12-31T23:59:59.999Z', '0001-01-01T00:30:00+01:00', '9999-12-31T23:00:00-05:00'])(
      'refuses %j naming the parameter',
      (from) => {
        expect(parse({ from })).toEqual({ ok: false, paths: ['from'] });
      },
    );
  });

  describe('when the date does not exist or the offset is no offset', () => {
    it.each([
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-05-17T09:30:00+99:00',
      '2026-05-17T09:30:00+23:60',
      '2026-05-17',
    ])('refuses %j', (from) => {
      expect(parse({ from })).toEqual({ ok: false, paths: ['from'] });
    });
  });

  describe('when the instant is in range', () => {
    it('is the same instant in UTC, to the microsecond', () => {
      expect(instant.parse('2026-05-17T11:30:00+02:00')).toBe('2026-05-17T09:30:00Z');
      expect(instant.parse('2026-05-17T09:30:00.1234567Z')).toBe('2026-05-17T09:30:00.123456Z');
      expect(instant.parse('2026-05-17T09:30+0530')).toBe('2026-05-17T04:00:00Z');
      expect(instant.parse('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00Z');
      expect(instant.parse('9999-12-31T23:59:59.999999Z')).toBe('9999-12-31T23:59:59.999999Z');
      expect(instant.parse('2026-05-17T09:30:00+23:59')).toBe('2026-05-16T09:31:00Z');
    });

    it('comes out in a form Postgres reads, within years 1..9999', () => {
      fc.assert(
        fc.property(
          fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
          fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
          (date, offsetMinutes) => {
            const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().replace(/Z$/, '');
            const sign = offsetMinutes < 0 ? '-' : '+';
            const abs = Math.abs(offsetMinutes);
            const input = `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
            const result = instant.safeParse(input);
            if (!result.success) return; // a local time outside years 1..9999 (at the ends of the range)
            expect(result.data).toMatch(POSTGRES_INSTANT);
            expect(Date.parse(result.data)).toBe(date.getTime());
          },
        ),
      );
    });
  });
});

describe('query parameter schemas', () => {
  describe('when any value is given', () => {
    it('either refuses it naming the parameter or yields what Postgres takes', () => {
      fc.assert(
        fc.property(
          fc.record({ limit: hostileValue, offset: hostileValue, from: hostileValue }, { requiredKeys: [] }),
          (input) => {
            const result = parse(input);
            if (!result.ok) {
              expect(result.paths.length).toBeGreaterThan(0);
              for (const path of result.paths) expect(Object.keys(input)).toContain(path);
              return;
            }
            const { limit, offset, from } = result.value;
            expect(Number.isSafeInteger(limit) && limit >= 1 && limit <= 500).toBe(true);
            expect(Number.isSafeInteger(offset) && offset >= 0 && offset <= MAX_OFFSET).toBe(true);
            if (from !== undefined) {
              const year = Number(POSTGRES_INSTANT.exec(from)?.[1]);
              expect(year >= 1 && year <= 9999).toBe(true);
            }
          },
        ),
        { numRuns: 2000 },
      );
      // 2,000 generated queries take about a second alone, and over five on a CI runner that is also building.
    }, 30_000);
  });
});

describe(storableText.name, () => {
  const name = storableText(z.string().max(200));

  describe('when the text holds a NUL or a lone surrogate', () => {
    it.each(['a\0b', '\0', 'x\uD800', '\uDC00y', 'a\uDC00\uD800b'])('refuses %j', (value) => {
      expect(name.safeParse(value).success).toBe(false);
    });
  });

  describe('when the text is well-formed Unicode without NUL', () => {
    it('accepts it unchanged', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'grapheme', maxLength: 50 }).filter((s) => !s.includes('\0')),
          (value) => {
            expect(name.parse(value)).toBe(value);
          },
        ),
      );
    });
  });
});

describe('idParams', () => {
  it('names the id when it cannot be stored', () => {
    const result = idParams.safeParse({ id: 'a\0b' });
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join('.'))).toEqual(['id']);
    expect(idParams.parse({ id: 'person:donald-trump' })).toEqual({ id: 'person:donald-trump' });
  });
});
