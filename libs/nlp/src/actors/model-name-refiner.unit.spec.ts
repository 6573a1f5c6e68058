import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../article-analyzer';
import type { ArticleAnalysis } from '../analysis.types';

const analyze = (body: string): ArticleAnalysis => analyzeArticle({ id: 't', body });
const actors = (a: ArticleAnalysis): Array<[string, string]> => a.actors.map((x) => [x.name, x.kind]);
const places = (a: ArticleAnalysis): string[] => a.places.map((p) => p.name);

describe(analyzeArticle.name, () => {
  describe('when a short results line names players and their countries', () => {
    it('reports the players as people and the countries as places', () => {
      const a = analyze('Tomas Berdal (Norway) beat Ivo Kranjec (Croatia) 6-3 6-4');
      expect(actors(a)).toEqual([
        ['Tomas Berdal', 'person'],
        ['Ivo Kranjec', 'person'],
      ]);
      expect(places(a)).toEqual(['Norway', 'Croatia']);
    });
  });

  describe('when a dateline names a city and a news agency', () => {
    it('reports the city as a place and no actor for the agency', () => {
      const a = analyze('OSLO (Reuters) - Shares rose on Friday, traders said.');
      expect(places(a)).toEqual(['OSLO']);
      expect(actors(a)).toEqual([]);
    });
  });

  describe('when a heading in title case opens the story', () => {
    it('takes no actor from the heading words', () => {
      const a = analyze('Kovarik Wins In Prague\nKovarik beat Hlavac in straight sets on Sunday.');
      expect(a.actors.flatMap((x) => x.mentions.map((m) => m.text))).not.toContain('Kovarik Wins');
    });
  });

  describe('when a results table names clubs by their towns', () => {
    it('reports a town the gazetteer knows as a club, not a place', () => {
      const a = analyze('Results of English league matches on Saturday:\nLeicester 2 Derby 1\nChelsea 0 Arsenal 3');
      expect(actors(a)).toContainEqual(['Leicester', 'organization']);
      expect(places(a)).not.toContain('Leicester');
    });
  });

  describe('when a nationality stands alone before a noun', () => {
    it('reports no actor for it', () => {
      const a = analyze('Fighting between Moslem and Croat forces resumed, officials said.');
      expect(actors(a).map(([name]) => name)).not.toContain('Moslem');
    });
  });

  describe('when a tournament takes its name from a place', () => {
    it('reports the player but no actor for the tournament, which the name tagger reads as an event', () => {
      const cases: Array<[string, string]> = [
        ['Pete Sampras reached the final of the U.S. Open on Sunday.', 'Pete Sampras'],
        ['Greg Norman won the Hong Kong Open by two strokes on Sunday.', 'Greg Norman'],
      ];
      for (const [body, player] of cases) expect(actors(analyze(body))).toEqual([[player, 'person']]);
    });
  });

  describe('when a long organisation name holds lower-case words and a place', () => {
    it('reports the whole name as one organisation, as the name tagger cuts it', () => {
      const a = analyze('Monitors from the Organisation for Security and Cooperation in Europe arrived in Sarajevo on Monday.');
      expect(actors(a)).toEqual([['Organisation for Security and Cooperation in Europe', 'organization']]);
      expect(places(a)).toEqual(['Sarajevo']);
    });
  });

  describe('when an unknown one-word place stands mid-sentence after "town of"', () => {
    it('reports a place, as the name tagger reads it, not an organisation', () => {
      const a = analyze('Iraqi forces were advancing on the Kurdish town of Arbil in northern Iraq, a spokesman said.');
      expect(places(a)).toContain('Arbil');
      expect(actors(a).map(([name]) => name)).not.toContain('Arbil');
    });
  });
});
