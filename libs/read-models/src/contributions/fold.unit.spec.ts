import { describe, expect, it } from 'vitest';
import { foldAnalyses, selectEffectiveAnalyses, storableScore } from './fold';
import { actor, analyzed, feltActor, stance, statement } from '@chronicle/test-support';

const trump = { actorId: 'person:donald-trump', name: 'Donald Trump' };

describe(foldAnalyses.name, () => {
  describe('when one article is analysed', () => {
    it('produces its contribution: mention and statement rows stamped with outlet and time', () => {
      const [article, ...rest] = foldAnalyses([
        analyzed('e1', 'a1', {
          actors: [actor('person:donald-trump', 'Trump', 3)],
          statements: [statement("Nothing's going to happen", trump, 40)],
          sourceOffset: '7',
        }),
      ]);
      expect(rest).toEqual([]);
      expect(article).toMatchObject({
        articleId: 'a1',
        analysisOffset: '7',
        outlet: 'Example News',
        seenAt: '2026-01-01T00:00:00.000Z',
      });
      expect(article!.mentions).toEqual([
        expect.objectContaining({
          actorId: 'person:donald-trump',
          articleId: 'a1',
          count: 3,
          aliases: ['Trump'],
          outlet: 'Example News',
        }),
      ]);
      expect(article!.statements).toEqual([
        expect.objectContaining({ speakerId: 'person:donald-trump', startOffset: 40, kind: 'direct', outlet: 'Example News' }),
      ]);
    });
  });

  describe('when the same article is analysed twice in one batch', () => {
    it('keeps the analysis of the newest version, whatever order the analyses come in', () => {
      const older = analyzed('e1', 'a1', { statements: [statement('old words', trump, 0)], sourceOffset: '3' });
      const newer = analyzed('e2', 'a1', { statements: [statement('new words', trump, 0)], sourceOffset: '9' });
      expect(foldAnalyses([older, newer]).map((a) => a.analysisEventId)).toEqual(['e2']);
      expect(foldAnalyses([newer, older]).map((a) => a.analysisEventId)).toEqual(['e2']);
    });
  });

  describe('when a statement speaker is not among the analysis actors', () => {
    it('keeps the statement without a speaker id (it cannot count for an actor)', () => {
      const [article] = foldAnalyses([analyzed('e1', 'a1', { statements: [statement('words', trump)] })]);
      expect(article!.statements[0]).toMatchObject({ speakerId: null, speakerName: 'Donald Trump' });
    });
  });

  describe('when a score is too small for a PostgreSQL real (hostile text gave 2.7e-57)', () => {
    it('stores the mention and statement scores as 0, and keeps ordinary scores as they are', () => {
      const tiny = { ...statement('words', trump), sentiment: { score: -2.7e-57, label: 'neutral' as const } };
      const [article] = foldAnalyses([
        analyzed('e1', 'a1', {
          actors: [feltActor('person:donald-trump', 'Trump', 2.7e-57), feltActor('organization:kremlin', 'Kremlin', -0.42)],
          statements: [tiny],
        }),
      ]);
      expect(article!.mentions.map((m) => m.sentimentScore)).toEqual([0, -0.42]);
      expect(article!.statements.map((s) => s.sentimentScore)).toEqual([0]);
      expect([storableScore(1e-31), storableScore(-1e-29), storableScore(1)]).toEqual([0, -1e-29, 1]);
    });
  });

  describe('when the analysis has stances', () => {
    it('keeps each as the API shows it, the speaker only when the analysis lists it as an actor, else its name alone', () => {
      const officials = { actorId: 'unnamed:senior-officials', name: 'senior officials' };
      const [article] = foldAnalyses([
        analyzed('e1', 'a1', {
          actors: [actor('person:donald-trump', 'Trump')],
          stances: [stance('the decision', trump, 20), stance('the invitation', officials, 60), stance('the vote', null, 90)],
        }),
      ]);
      expect(article!.stances).toEqual([
        {
          text: 'the decision',
          cue: 'criticized',
          start: 20,
          end: 32,
          speaker: { id: 'person:donald-trump', name: 'Donald Trump' },
          unnamedSpeaker: null,
          sentiment: { score: 0, label: 'neutral' },
        },
        expect.objectContaining({ text: 'the invitation', start: 60, speaker: null, unnamedSpeaker: 'senior officials' }),
        expect.objectContaining({ text: 'the vote', start: 90, speaker: null, unnamedSpeaker: null }),
      ]);
    });

    it('keeps none from an analysis made before stances', () => {
      expect(foldAnalyses([analyzed('e1', 'a1', {})])[0]!.stances).toEqual([]);
    });
  });

  describe('when an analysis predates sourceOffset', () => {
    it('is taken as the analysis of a version before every other (offset -1)', () => {
      const [legacy] = foldAnalyses([analyzed('e1', 'a1', {})]);
      expect(legacy!.analysisOffset).toBe('-1');
      expect(selectEffectiveAnalyses([legacy!], [{ id: 'a1', analysisOffset: '0', retractedOffset: null }])).toEqual([]);
    });
  });

  describe('when the same version is analysed twice in one batch', () => {
    it('keeps the later analysis in the log', () => {
      const first = analyzed('e1', 'a1', { sourceOffset: '4' });
      const second = analyzed('e2', 'a1', { sourceOffset: '4' });
      expect(foldAnalyses([first, second]).map((a) => a.analysisEventId)).toEqual(['e2']);
    });
  });

  describe('when a batch holds several articles in any order', () => {
    it('lists one analysed version per article in lock order (by article id)', () => {
      const events = ['c', 'a', 'd', 'b'].map((id, i) => analyzed(`e${i}`, id, {}));
      expect(foldAnalyses(events).map((a) => a.articleId)).toEqual(['a', 'b', 'c', 'd']);
    });
  });

  describe('when a malformed analysis lists an actor or a statement twice', () => {
    it('writes one row for each', () => {
      const [article] = foldAnalyses([
        analyzed('e1', 'a1', {
          actors: [actor('person:donald-trump', 'Trump', 2), actor('person:donald-trump', 'Donald Trump')],
          statements: [statement('We will see', trump, 10), statement('We will see', trump, 10)],
        }),
      ]);
      expect(article!.mentions).toEqual([expect.objectContaining({ actorId: 'person:donald-trump', name: 'Trump', count: 2 })]);
      expect(article!.statements).toHaveLength(1);
    });
  });

  describe('when an actor is mentioned under several names and has a role', () => {
    it('keeps the role and every distinct name as a sorted alias', () => {
      const named = {
        ...actor('person:donald-trump', 'Trump'),
        role: 'president',
        mentions: [
          { start: 0, end: 5, text: 'Trump' },
          { start: 20, end: 32, text: 'Donald Trump' },
          { start: 40, end: 45, text: 'Trump' },
        ],
      };
      const [article] = foldAnalyses([analyzed('e1', 'a1', { actors: [named] })]);
      expect(article!.mentions).toEqual([
        expect.objectContaining({ role: 'president', aliases: ['Donald Trump', 'Trump'], count: 3 }),
      ]);
    });
  });

  describe('when an actor is also referred to by a pronoun and a description', () => {
    it('counts every mention but keeps only the names as aliases', () => {
      const referred = {
        ...actor('person:donald-trump', 'Trump'),
        mentions: [
          { start: 0, end: 12, text: 'Donald Trump', kind: 'name' as const },
          { start: 20, end: 22, text: 'he', kind: 'pronoun' as const },
          { start: 30, end: 51, text: 'the Republican nominee', kind: 'description' as const },
          { start: 60, end: 65, text: 'Trump' },
        ],
      };
      const [article] = foldAnalyses([analyzed('e1', 'a1', { actors: [referred] })]);
      expect(article!.mentions).toEqual([expect.objectContaining({ aliases: ['Donald Trump', 'Trump'], count: 4 })]);
    });
  });

  describe('when the analysis was cut to the message limit (it lists fewer mentions than it counts)', () => {
    it('counts the mentions the analysis counted, and keeps the names it listed as aliases', () => {
      const cut = {
        ...actor('person:donald-trump', 'Trump'),
        mentions: [
          { start: 0, end: 12, text: 'Donald Trump', kind: 'name' as const },
          { start: 900, end: 905, text: 'Trump', kind: 'name' as const },
        ],
        mentionCount: 4_000,
      };
      const [article] = foldAnalyses([analyzed('e1', 'a1', { actors: [cut] })]);
      expect(article!.mentions).toEqual([expect.objectContaining({ aliases: ['Donald Trump', 'Trump'], count: 4_000 })]);
    });
  });

  describe('when a statement has no speaker, or a cue', () => {
    it('keeps both as they are', () => {
      const cued = { ...statement('Talks may fail', trump, 50, 'indirect'), cue: 'warned' };
      const [article] = foldAnalyses([
        analyzed('e1', 'a1', {
          actors: [actor('person:donald-trump', 'Trump')],
          statements: [statement('Nobody said this', null, 0), cued],
        }),
      ]);
      expect(article!.statements).toEqual([
        expect.objectContaining({ text: 'Nobody said this', speakerId: null, speakerName: null, cue: null }),
        expect.objectContaining({ text: 'Talks may fail', speakerId: 'person:donald-trump', cue: 'warned', kind: 'indirect' }),
      ]);
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
});

describe(selectEffectiveAnalyses.name, () => {
  const candidate = (offset: string) => foldAnalyses([analyzed(`e${offset}`, 'a1', { sourceOffset: offset })]);

  describe('given the article holds the analysis of version 5', () => {
    const states = [{ id: 'a1', analysisOffset: '5', retractedOffset: null }];
    it('replaces it with a newer version or a re-analysis of the same version', () => {
      expect(selectEffectiveAnalyses(candidate('8'), states)).toHaveLength(1);
      expect(selectEffectiveAnalyses(candidate('5'), states)).toHaveLength(1);
    });
    it('ignores the late analysis of an older version', () => {
      expect(selectEffectiveAnalyses(candidate('2'), states)).toEqual([]);
    });
  });

  describe('given the article was retracted at offset 6', () => {
    const states = [{ id: 'a1', analysisOffset: null, retractedOffset: '6' }];
    it('never lets an analysis of a version before the retraction resurrect it', () => {
      expect(selectEffectiveAnalyses(candidate('5'), states)).toEqual([]);
      expect(selectEffectiveAnalyses(candidate('6'), states)).toEqual([]);
    });
    it('accepts a version published after the retraction', () => {
      expect(selectEffectiveAnalyses(candidate('7'), states)).toHaveLength(1);
    });
  });

  describe('given an article the store has never seen', () => {
    it('accepts the analysis', () => {
      expect(selectEffectiveAnalyses(candidate('1'), [])).toHaveLength(1);
    });
  });
});
