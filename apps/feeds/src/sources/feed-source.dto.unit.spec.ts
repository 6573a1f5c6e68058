import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFeedSourceSchema, parseIntervalSeconds, updateFeedSourceSchema } from './feed-source.dto';

describe(parseIntervalSeconds.name, () => {
  describe('when given intervals as people write them', () => {
    it('reads them in seconds', () => {
      expect(parseIntervalSeconds('90')).toBe(90);
      expect(parseIntervalSeconds('90s')).toBe(90);
      expect(parseIntervalSeconds('5m')).toBe(300);
      expect(parseIntervalSeconds(' 1H30m ')).toBe(5400);
      expect(parseIntervalSeconds('1d')).toBe(86_400);
    });
  });
  describe('when given something else', () => {
    it('is null', () => {
      for (const text of ['', '0', '5 minutes', '-5m', '1.5h', '8d', 'm', '5mm'])
        expect(parseIntervalSeconds(text), text).toBeNull();
    });
    it('never throws and never answers outside 1 s .. a week', () => {
      fc.assert(
        fc.property(fc.string(), (text) => {
          const seconds = parseIntervalSeconds(text);
          if (seconds !== null) expect(seconds >= 1 && seconds <= 604_800).toBe(true);
        }),
      );
    });
  });
});

describe('createFeedSourceSchema', () => {
  describe('when given a feed URL with an outlet and interval', () => {
    it('keeps them, the URL trimmed', () => {
      expect(
        createFeedSourceSchema.parse({ url: ' https://news.example/feed.xml ', outlet: 'News', intervalSeconds: 300 }),
      ).toEqual({
        url: 'https://news.example/feed.xml',
        outlet: 'News',
        intervalSeconds: 300,
      });
    });
  });
  describe('when given a bad URL, interval or an unknown field', () => {
    it('names each problem', () => {
      const result = createFeedSourceSchema.safeParse({ url: 'file:///etc/passwd', intervalSeconds: 0, extra: 1 });
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['extra', 'intervalSeconds', 'url']);
    });
  });
  describe('when given hostile bodies', () => {
    it('accepts only http(s) URLs and never throws', () => {
      fc.assert(
        fc.property(fc.anything(), (body) => {
          const result = createFeedSourceSchema.safeParse(body);
          if (result.success) expect(result.data.url).toMatch(/^https?:\/\//i);
        }),
      );
    });
  });
});

describe('updateFeedSourceSchema', () => {
  describe('when an outlet is null', () => {
    it('keeps the null, to clear it', () => {
      expect(updateFeedSourceSchema.parse({ outlet: null, paused: true })).toEqual({ outlet: null, paused: true });
    });
  });
});
