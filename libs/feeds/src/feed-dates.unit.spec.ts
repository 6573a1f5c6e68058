import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeedDate } from './feed-dates';

describe(parseFeedDate.name, () => {
  describe('when given RFC 822 dates as RSS writes them', () => {
    it.each([
      ['Tue, 10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00.000Z'],
      ['10 Jun 2003 04:00 +0200', '2003-06-10T02:00:00.000Z'],
      ['Tue,  3 Jun 03 04:00:00 EDT', '2003-06-03T08:00:00.000Z'],
      ['Wednesday, 01 January 2020 10:00:00 -05:00', '2020-01-01T15:00:00.000Z'],
      ['1 Jan 2020', '2020-01-01T00:00:00.000Z'],
    ])('reads %s', (text, iso) => {
      expect(parseFeedDate(text)).toBe(iso);
    });
  });

  describe('when given RFC 3339 or W3C dates', () => {
    it.each([
      ['2003-12-13T18:30:02Z', '2003-12-13T18:30:02.000Z'],
      ['2003-12-13T18:30:02.25+01:00', '2003-12-13T17:30:02.250Z'],
      ['2003-12-13 18:30:02+0100', '2003-12-13T17:30:02.000Z'],
      ['2003-12-13T18:30Z', '2003-12-13T18:30:00.000Z'],
      ['2003-12-13', '2003-12-13T00:00:00.000Z'],
      ['2003-12', '2003-12-01T00:00:00.000Z'],
      ['2016-12-31T23:59:60Z', '2016-12-31T23:59:59.000Z'],
    ])('reads %s', (text, iso) => {
      expect(parseFeedDate(text)).toBe(iso);
    });
  });

  describe('when the text is not a date', () => {
    it.each([
      '',
      'yesterday',
      '2024-02-30',
      '2024-13-01',
      '31 Apr 2024',
      '10 Jun 2003 25:00 GMT',
      '10 Foo 2003',
      '2024-01-01T10:00:00+25:00',
      '0999-01-01',
    ])('gives undefined for %j', (text) => {
      expect(parseFeedDate(text)).toBeUndefined();
    });
  });

  describe('when given arbitrary text', () => {
    it('never throws and gives undefined or an ISO instant that reads back the same', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          ),
          (text) => {
            const iso = parseFeedDate(text);
            if (iso !== undefined) expect(new Date(iso).toISOString()).toBe(iso);
          },
        ),
      );
    });
  });
});
