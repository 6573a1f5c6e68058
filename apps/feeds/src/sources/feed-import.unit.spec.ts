import { describe, expect, it } from 'vitest';
import { planFeedImport } from './feed-import';

describe(planFeedImport.name, () => {
  describe('when a list names a URL twice, once with different spacing', () => {
    it('takes it once, with the first outline name', () => {
      const { candidates, refused } = planFeedImport([
        { xmlUrl: 'https://a.example/rss.xml', outlet: 'First', folders: [] },
        { xmlUrl: ' https://a.example/rss.xml ', outlet: 'Second', folders: [] },
        { xmlUrl: 'https://b.example/atom.xml', folders: ['News'] },
      ]);
      expect(candidates).toEqual([
        { url: 'https://a.example/rss.xml', outlet: 'First' },
        { url: 'https://b.example/atom.xml', outlet: null },
      ]);
      expect(refused).toEqual([]);
    });
  });

  describe('when a URL breaks the rules of feeds add', () => {
    it('refuses it with the reason, keeping the valid ones', () => {
      const { candidates, refused } = planFeedImport([
        { xmlUrl: 'ftp://a.example/feed', folders: [] },
        { xmlUrl: 'https://ok.example/feed', folders: [] },
        { xmlUrl: 'not a url', folders: [] },
      ]);
      expect(candidates.map((candidate) => candidate.url)).toEqual(['https://ok.example/feed']);
      expect(refused.map((refusal) => refusal.url)).toEqual(['ftp://a.example/feed', 'not a url']);
      for (const refusal of refused) expect(refusal.reason.length).toBeGreaterThan(0);
    });
  });

  describe('when an outline name is longer than an outlet may be', () => {
    it('cuts it to 200 characters', () => {
      const { candidates } = planFeedImport([{ xmlUrl: 'https://a.example/', outlet: 'x'.repeat(500), folders: [] }]);
      expect(candidates[0]!.outlet).toHaveLength(200);
    });
  });
});
