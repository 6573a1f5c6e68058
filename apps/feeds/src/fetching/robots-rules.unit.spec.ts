import { describe, expect, it } from 'vitest';
import { FetchOutcome } from './fetch-outcome';
import { RobotsRules } from './robots-rules';

const CONFIG = { userAgentToken: 'Chronicle', ttlMs: 60_000, unreachableTtlMs: 10_000, maxEntries: 2 };
const text = (body: string): FetchOutcome => ({
  kind: 'fetched',
  status: 200,
  bytes: new TextEncoder().encode(body),
  contentType: 'text/plain',
  finalUrl: 'https://example.org/robots.txt',
});

function rules(answers: FetchOutcome[]) {
  let now = 0;
  const asked: string[] = [];
  const crawlDelays: Array<[string, number]> = [];
  const robots = new RobotsRules(
    async (url) => {
      asked.push(url);
      return answers.shift() ?? text('');
    },
    CONFIG,
    () => now,
    (origin, delayMs) => crawlDelays.push([origin.hostname, delayMs]),
  );
  return { robots, asked, crawlDelays, advance: (ms: number) => (now += ms) };
}

describe(RobotsRules.name, () => {
  describe('when robots.txt names a Crawl-delay', () => {
    it("reports Chronicle's group's delay in ms, or 0 when it has none", async () => {
      const { robots, crawlDelays } = rules([
        text('User-agent: *\nCrawl-delay: 60\n\nUser-agent: Chronicle\nCrawl-delay: 2.5\nAllow: /\n'),
        text('User-agent: *\nAllow: /\n'),
      ]);
      await robots.check(new URL('https://example.org/a'));
      await robots.check(new URL('https://other.example/a'));
      expect(crawlDelays).toEqual([
        ['example.org', 2500],
        ['other.example', 0],
      ]);
    });
  });

  describe('when robots.txt has a group for Chronicle', () => {
    it('follows that group, fetching once per origin while fresh', async () => {
      const { robots, asked, advance } = rules([
        text('User-agent: *\nDisallow: /\n\nUser-agent: Chronicle\nDisallow: /private/\n'),
      ]);
      expect(await robots.check(new URL('https://example.org/private/a'))).toEqual({ kind: 'disallowed' });
      expect(await robots.check(new URL('https://example.org/news/a'))).toEqual({ kind: 'allowed' });
      advance(59_000);
      await robots.check(new URL('https://example.org/news/b'));
      expect(asked).toEqual(['https://example.org/robots.txt']);
      advance(2000);
      await robots.check(new URL('https://example.org/news/b'));
      expect(asked).toHaveLength(2);
    });
  });

  describe('when robots.txt answers a 4xx', () => {
    it('allows everything', async () => {
      const { robots } = rules([{ kind: 'failed', reason: 'HTTP 404', permanent: true, status: 404 }]);
      expect(await robots.check(new URL('https://example.org/anything'))).toEqual({ kind: 'allowed' });
    });
  });

  describe('when robots.txt is unreachable', () => {
    it('disallows for a while, then asks again', async () => {
      const { robots, asked, advance } = rules([{ kind: 'failed', reason: 'HTTP 503', permanent: false, status: 503 }]);
      const verdict = await robots.check(new URL('https://example.org/a'));
      expect(verdict).toEqual({ kind: 'unreachable', untilMs: 10_000, reason: 'robots.txt unreachable (HTTP 503)' });
      advance(10_000);
      expect(await robots.check(new URL('https://example.org/a'))).toEqual({ kind: 'allowed' });
      expect(asked).toHaveLength(2);
    });
  });

  describe('when several pages of one origin are checked at once', () => {
    it('shares one fetch', async () => {
      const { robots, asked } = rules([]);
      await Promise.all([1, 2, 3].map((i) => robots.check(new URL(`https://example.org/${i}`))));
      expect(asked).toHaveLength(1);
    });
  });
});
