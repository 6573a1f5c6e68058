import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitAnalysisToBudget, jsonBytes } from './analysis-budget';
import { AnalysisData, analysisSchema } from './article-analyzed.event';

type Actor = AnalysisData['actors'][number];
type Mention = Actor['mentions'][number];

const neutral = { score: 0, label: 'neutral' as const };
const SPELLINGS = ['Kiro Tanaka', 'Tanaka', 'he', 'the minister'];

const mentionsArbitrary = fc
  .array(fc.tuple(fc.nat(300), fc.constantFrom(...SPELLINGS)), { maxLength: 40 })
  .map((pairs) =>
    pairs.map(([start, text], i): Mention => ({
      start: start + i * 400,
      end: start + i * 400 + text.length,
      text,
      kind: 'name',
    })),
  );

const analysisArbitrary: fc.Arbitrary<AnalysisData> = fc
  .record({
    actorMentions: fc.array(mentionsArbitrary, { maxLength: 8 }),
    placeMentions: fc.array(mentionsArbitrary, { maxLength: 3 }),
    said: fc.array(fc.record({ start: fc.nat(10_000), words: fc.nat(30), speaker: fc.nat(10), stance: fc.boolean() }), {
      maxLength: 12,
    }),
  })
  .map(({ actorMentions, placeMentions, said }) => {
    const actors = actorMentions.map((mentions, i): Actor => ({
      id: `person:p${i}`,
      name: `P${i}`,
      kind: 'person',
      mentions,
      sentiment: neutral,
    }));
    const speakerOf = (n: number) => (n < actors.length ? { actorId: actors[n]!.id, name: actors[n]!.name } : null);
    const item = ({ start, words, speaker }: (typeof said)[number]) => ({
      start,
      end: start + words * 6,
      text: 'word '.repeat(words),
      cue: 'said',
      cueSpan: { start: start + words * 6 + 1, end: start + words * 6 + 5 },
      speaker: speakerOf(speaker),
      sentiment: neutral,
    });
    return {
      id: 'a1',
      analyzerVersion: 'chronicle-nlp/test',
      actors,
      places: placeMentions.map((mentions, i) => ({ name: `Place ${i}`, kind: 'place' as const, mentions })),
      statements: said.filter((s) => !s.stance).map((s) => ({ kind: 'direct' as const, ...item(s) })),
      stances: said.filter((s) => s.stance).map(item),
      targets: [],
    };
  });

/** An analysis and a budget from a fifth of its size to all of it. */
const fitting = analysisArbitrary.chain((analysis) =>
  fc.tuple(fc.constant(analysis), fc.integer({ min: Math.floor(jsonBytes(analysis) / 5), max: jsonBytes(analysis) })),
);

const said = (a: AnalysisData) => [...a.statements, ...(a.stances ?? [])];
const countOf = (x: { mentions: unknown[]; mentionCount?: number }) => x.mentionCount ?? x.mentions.length;

describe(fitAnalysisToBudget.name, () => {
  describe('when the analysis fits', () => {
    it('returns it as it is', () => {
      fc.assert(fc.property(analysisArbitrary, (analysis) => fitAnalysisToBudget(analysis, jsonBytes(analysis)) === analysis));
    });
  });

  describe('when the analysis is over the budget', () => {
    it('fits it, unless nothing said is left and no actor or place', () => {
      fc.assert(
        fc.property(fitting, ([analysis, budget]) => {
          const fitted = fitAnalysisToBudget(analysis, budget);
          const emptied = said(fitted).length === 0 && fitted.actors.length === 0 && fitted.places.length === 0;
          expect(jsonBytes(fitted) <= budget || emptied).toBe(true);
          expect(analysisSchema.parse(fitted)).toEqual(fitted);
        }),
        { numRuns: 300 },
      );
    });

    it('keeps the mention count, every spelling and the order of what it lists of each actor and place it keeps', () => {
      fc.assert(
        fc.property(fitting, ([analysis, budget]) => {
          const fitted = fitAnalysisToBudget(analysis, budget);
          const byName = new Map([...analysis.actors, ...analysis.places].map((a) => [a.name, a]));
          for (const kept of [...fitted.actors, ...fitted.places]) {
            const original = byName.get(kept.name)!;
            expect(countOf(kept)).toBe(original.mentions.length);
            expect(new Set(kept.mentions.map((m) => m.text))).toEqual(new Set(original.mentions.map((m) => m.text)));
            const positions = kept.mentions.map((m) => original.mentions.indexOf(m));
            expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('keeps what was said from the start of the body on, with every speaker among the actors', () => {
      fc.assert(
        fc.property(fitting, ([analysis, budget]) => {
          const fitted = fitAnalysisToBudget(analysis, budget);
          const inTextOrder = said(analysis).sort((a, b) => a.start - b.start || a.end - b.end);
          const kept = new Set(said(fitted));
          expect(inTextOrder.slice(0, kept.size).every((s) => kept.has(s))).toBe(true);
          const actorIds = new Set(fitted.actors.map((a) => a.id));
          const listed = new Set(analysis.actors.map((a) => a.id));
          for (const s of kept)
            if (s.speaker && listed.has(s.speaker.actorId)) expect(actorIds.has(s.speaker.actorId)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it('leaves out listeners (actors who say nothing, places) least mentioned first', () => {
      fc.assert(
        fc.property(fitting, ([analysis, budget]) => {
          const fitted = fitAnalysisToBudget(analysis, budget);
          const speakers = new Set(said(analysis).flatMap((s) => (s.speaker ? [s.speaker.actorId] : [])));
          const keptNames = new Set([...fitted.actors, ...fitted.places].map((a) => a.name));
          const listeners = [...analysis.actors.filter((a) => !speakers.has(a.id)), ...analysis.places];
          const kept = listeners.filter((a) => keptNames.has(a.name)).map(countOf);
          const left = listeners.filter((a) => !keptNames.has(a.name)).map(countOf);
          if (kept.length > 0 && left.length > 0) expect(Math.max(...left)).toBeLessThanOrEqual(Math.min(...kept));
        }),
        { numRuns: 300 },
      );
    });

    it('counts what it left out', () => {
      fc.assert(
        fc.property(fitting, ([analysis, budget]) => {
          const fitted = fitAnalysisToBudget(analysis, budget);
          const mentions = (a: AnalysisData) => [...a.actors, ...a.places].reduce((n, x) => n + x.mentions.length, 0);
          const left = {
            mentions: mentions(analysis) - mentions(fitted),
            actors: analysis.actors.length - fitted.actors.length,
            places: analysis.places.length - fitted.places.length,
            statements: analysis.statements.length - fitted.statements.length,
            stances: analysis.stances!.length - fitted.stances!.length,
          };
          if (Object.values(left).every((n) => n === 0)) expect(fitted.truncated).toBeUndefined();
          else expect(fitted.truncated).toEqual(left);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('when one spelling of each actor fits', () => {
    it('leaves out mention offsets only', () => {
      const mentions = Array.from({ length: 1000 }, (_, i): Mention => ({
        start: i * 6,
        end: i * 6 + 4,
        text: 'Kiro',
        kind: 'name',
      }));
      const analysis: AnalysisData = {
        id: 'a1',
        analyzerVersion: 'chronicle-nlp/test',
        actors: [{ id: 'person:kiro', name: 'Kiro', kind: 'person', mentions, sentiment: neutral }],
        places: [],
        statements: [
          {
            kind: 'indirect',
            start: 0,
            end: 10,
            text: 'we will go',
            speaker: { actorId: 'person:kiro', name: 'Kiro' },
            sentiment: neutral,
          },
        ],
        targets: [],
      };
      const fitted = fitAnalysisToBudget(analysis, 10_000);
      expect(jsonBytes(fitted)).toBeLessThanOrEqual(10_000);
      expect(fitted.statements).toEqual(analysis.statements);
      expect(fitted.actors[0]!.mentionCount).toBe(1000);
      expect(fitted.actors[0]!.mentions).toEqual(mentions.slice(0, fitted.actors[0]!.mentions.length));
      // Most of the budget goes to offsets: the largest prefix that fits, give or take one.
      expect(jsonBytes(fitted)).toBeGreaterThan(10_000 - 2 * jsonBytes(mentions[0]));
      expect(fitted.truncated).toEqual({
        mentions: 1000 - fitted.actors[0]!.mentions.length,
        actors: 0,
        places: 0,
        statements: 0,
        stances: 0,
      });
    });
  });

  describe('when an analysis lists more actors than a call takes arguments', () => {
    it('fits it without overflowing the stack, keeping the most mentioned', () => {
      const actor = (i: number, mentions: number): Actor => ({
        id: `person:k${i}`,
        name: `K${i}`,
        kind: 'person',
        mentions: Array.from({ length: mentions }, (_, j) => ({ start: i * 10 + j, end: i * 10 + j + 1, text: 'K' })),
        sentiment: neutral,
      });
      const analysis: AnalysisData = {
        id: 'a1',
        analyzerVersion: 'chronicle-nlp/test',
        actors: Array.from({ length: 150_000 }, (_, i) => actor(i, i === 99_999 ? 3 : 1)),
        places: [],
        statements: [],
        targets: [],
      };
      const fitted = fitAnalysisToBudget(analysis, 100_000);
      expect(jsonBytes(fitted)).toBeLessThanOrEqual(100_000);
      expect(fitted.actors.map((a) => a.id)).toContain('person:k99999');
      expect(fitted.truncated!.actors).toBe(150_000 - fitted.actors.length);
    });
  });
});
