import { describe, expect, it } from 'vitest';
import { foldAnalyses } from './analysis-projection';
import { actor, analyzed, statement } from './analyzed-event.fixture';

const trump = { actorId: 'person:donald-trump', name: 'Donald Trump' };

describe(foldAnalyses.name, () => {
  describe('when one article is analysed', () => {
    it('produces its article, actor, mention and statement rows', () => {
      const changes = foldAnalyses([
        analyzed('e1', 'a1', {
          actors: [actor('person:donald-trump', 'Trump', 3)],
          statements: [statement("Nothing's going to happen", trump, 40)],
        }),
      ]);
      expect(changes.replacedArticleIds).toEqual(['a1']);
      expect(changes.actors).toEqual([
        expect.objectContaining({ id: 'person:donald-trump', name: 'Trump', aliases: ['Trump'] }),
      ]);
      expect(changes.mentions).toEqual([expect.objectContaining({ actorId: 'person:donald-trump', articleId: 'a1', count: 3 })]);
      expect(changes.statements).toHaveLength(1);
      expect(changes.statements[0]).toMatchObject({ speakerId: 'person:donald-trump', startOffset: 40, kind: 'direct' });
    });
  });

  describe('when the same article is analysed twice in one batch', () => {
    it('keeps only the newest analysis', () => {
      const changes = foldAnalyses([
        analyzed('e1', 'a1', { statements: [statement('old words', trump, 0)] }),
        analyzed('e2', 'a1', { statements: [statement('new words', trump, 0)] }),
      ]);
      expect(changes.articles.map((a) => a.analysisEventId)).toEqual(['e2']);
      expect(changes.statements.map((s) => s.text)).toEqual(['new words']);
    });
  });

  describe('when the same events are folded twice', () => {
    it('gives identical rows (idempotent)', () => {
      const events = [
        analyzed('e1', 'a1', { actors: [actor('person:donald-trump', 'Trump')], statements: [statement('x y z', trump)] }),
        analyzed('e2', 'a2', { actors: [actor('person:donald-trump', 'Donald Trump')] }),
      ];
      expect(foldAnalyses([...events, ...events])).toEqual(foldAnalyses(events));
    });
  });

  describe('when an actor appears in several articles of a batch', () => {
    it('merges aliases and the seen window into one actor row', () => {
      const changes = foldAnalyses([
        analyzed('e1', 'a1', { actors: [actor('person:donald-trump', 'Trump')], publishedAt: '2026-01-02T00:00:00.000Z' }),
        analyzed('e2', 'a2', { actors: [actor('person:donald-trump', 'Donald Trump')], publishedAt: '2026-01-01T00:00:00.000Z' }),
      ]);
      expect(changes.actors).toHaveLength(1);
      expect(changes.actors[0]).toMatchObject({
        aliases: ['Donald Trump', 'Trump'],
        firstSeen: '2026-01-01T00:00:00.000Z',
        lastSeen: '2026-01-02T00:00:00.000Z',
      });
    });
  });
});
