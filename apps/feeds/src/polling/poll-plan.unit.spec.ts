import { ParsedFeed } from '@chronicle/feeds';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryKey, FAILURE_BACKOFF_CAP_MS, needsPage, outletFor, scheduleAfterFailure, scheduleAfterSuccess } from './poll-plan';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const limits = { minMs: 60_000, maxMs: 3_600_000 };
const feed = (siteUrl?: string): ParsedFeed => ({ format: 'rss2', entries: [], ...(siteUrl && { siteUrl }) });

describe(entryKey.name, () => {
  describe('when a guid is short', () => {
    it('is the guid itself', () => {
      expect(entryKey('https://news.example/a/1')).toBe('https://news.example/a/1');
    });
  });
  describe('when a guid is long', () => {
    it('is a bounded hash, the same for the same guid and different for different ones', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 513, maxLength: 3000 }), fc.string({ minLength: 513, maxLength: 3000 }), (a, b) => {
          expect(entryKey(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
          expect(entryKey(a)).toBe(entryKey(a));
          if (a !== b) expect(entryKey(a)).not.toBe(entryKey(b));
        }),
      );
    });
  });
});

describe(needsPage.name, () => {
  describe('when an entry carries its content', () => {
    it('needs no page', () => {
      expect(needsPage({ guid: 'g', url: 'https://n.example/1', contentHtml: '<p>Full text</p>' })).toBe(false);
    });
  });
  describe('when an entry has only a summary, or nothing', () => {
    it('needs its page', () => {
      expect(needsPage({ guid: 'g', url: 'https://n.example/1', summary: 'Short' })).toBe(true);
      expect(needsPage({ guid: 'g', url: 'https://n.example/1', contentHtml: '  ' })).toBe(true);
    });
  });
});

describe(outletFor.name, () => {
  describe('when the source names an outlet', () => {
    it('is that outlet', () => {
      expect(outletFor('Daily Example', feed('https://www.example.org/'), 'https://feeds.example.org/rss')).toBe('Daily Example');
    });
  });
  describe('when it does not', () => {
    it("is the feed's site host without www, else the feed's host", () => {
      expect(outletFor(null, feed('https://www.example.org/news'), 'https://feeds.example.org/rss')).toBe('example.org');
      expect(outletFor(null, feed(), 'https://feeds.example.org/rss')).toBe('feeds.example.org');
      expect(outletFor(null, feed('not a url'), 'https://feeds.example.org/rss')).toBe('feeds.example.org');
    });
  });
});

describe(scheduleAfterSuccess.name, () => {
  describe('when the feed did not change', () => {
    it('polls half as often again, within the limits', () => {
      expect(scheduleAfterSuccess([], 600, limits, NOW)).toEqual({ intervalSeconds: 900, nextPollAt: new Date(NOW + 900_000) });
      expect(scheduleAfterSuccess([], 3600, limits, NOW).intervalSeconds).toBe(3600);
    });
  });
  describe('when entries come every two minutes', () => {
    it('moves towards polling every minute', () => {
      const entries = Array.from({ length: 6 }, (_, index) => ({
        guid: String(index),
        url: `https://n.example/${index}`,
        publishedAt: new Date(NOW - index * 120_000).toISOString(),
      }));
      expect(scheduleAfterSuccess(entries, 120, limits, NOW)).toEqual({
        intervalSeconds: 60,
        nextPollAt: new Date(NOW + 60_000),
      });
    });
  });
});

describe(scheduleAfterFailure.name, () => {
  describe('when a source fails again and again', () => {
    it('waits the interval, then doubles it, up to the cap, with at most 10% jitter', () => {
      expect(scheduleAfterFailure(1, 300, NOW, 0)).toEqual(new Date(NOW + 300_000));
      expect(scheduleAfterFailure(3, 300, NOW, 0)).toEqual(new Date(NOW + 1_200_000));
      expect(scheduleAfterFailure(3, 300, NOW, 0.5)).toEqual(new Date(NOW + 1_260_000));
      expect(scheduleAfterFailure(40, 300, NOW, 0)).toEqual(new Date(NOW + FAILURE_BACKOFF_CAP_MS));
    });
  });
  describe('when the server gave a later Retry-After', () => {
    it('waits for it', () => {
      expect(scheduleAfterFailure(1, 60, NOW, 0, NOW + 7_200_000)).toEqual(new Date(NOW + 7_200_000));
    });
  });
  it('is never before the interval, whatever the counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 604_800 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (failures, interval, random) => {
          const at = scheduleAfterFailure(failures, interval, NOW, random).getTime();
          expect(at).toBeGreaterThanOrEqual(NOW + interval * 1000);
          expect(at).toBeLessThanOrEqual(NOW + Math.max(interval * 1000, FAILURE_BACKOFF_CAP_MS) * 1.1 + 1);
        },
      ),
    );
  });
});
