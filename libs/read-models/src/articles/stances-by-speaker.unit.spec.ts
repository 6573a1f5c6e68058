import { describe, expect, it } from 'vitest';
import { SpeakerStanceRow, stancePage, toSpeakerStance } from './stances-by-speaker';

const kiro = { id: 'person:dana-kiro', name: 'Dana Kiro' };

/** A row of the query: the stance at `start` in article `articleId`, `position`th in its list. */
function row(articleId: string, start: number, position: number): SpeakerStanceRow {
  return {
    article_id: articleId,
    title: `Title of ${articleId}`,
    url: `https://wire.example/${articleId}`,
    outlet: 'Wire One',
    said_at: new Date('2026-05-17T08:00:00.000Z'),
    said_at_key: '2026-05-17T08:00:00.000001Z',
    stance: {
      text: 'the decision',
      cue: 'criticized',
      start,
      end: start + 12,
      speaker: kiro,
      sentiment: { score: -0.4, label: 'negative' },
    },
    position: String(position),
  };
}

describe(toSpeakerStance.name, () => {
  it('gives the stance as the article shows it, with the article it is reported in', () => {
    expect(toSpeakerStance(row('a1', 20, 1))).toEqual({
      text: 'the decision',
      cue: 'criticized',
      start: 20,
      end: 32,
      speaker: kiro,
      sentiment: { score: -0.4, label: 'negative' },
      articleId: 'a1',
      articleTitle: 'Title of a1',
      articleUrl: 'https://wire.example/a1',
      outlet: 'Wire One',
      saidAt: '2026-05-17T08:00:00.000Z',
    });
  });
});

describe(stancePage.name, () => {
  describe('when the query found one row more than the page holds', () => {
    it('keeps `limit` rows and starts the next page after the last, at its exact time and place', () => {
      const { stances, next } = stancePage([row('a2', 5, 1), row('a2', 40, 2), row('a1', 20, 1)], 2);
      expect(stances.map((s) => [s.articleId, s.start])).toEqual([
        ['a2', 5],
        ['a2', 40],
      ]);
      expect(next).toEqual({ saidAt: '2026-05-17T08:00:00.000001Z', articleId: 'a2', start: 40, position: 2 });
    });
  });

  describe('when the query found no more than the page holds', () => {
    it('has no next page', () => {
      expect(stancePage([row('a2', 5, 1), row('a1', 20, 1)], 2).next).toBeNull();
      expect(stancePage([row('a1', 20, 1)], 2).next).toBeNull();
      expect(stancePage([], 2)).toEqual({ stances: [], next: null });
    });
  });
});
