import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from './article-analyzer';
import { MAX_STATEMENT_DEPTH } from './statements/statement-depth';
import { UNNAMED_SPEAKER_PREFIX } from './statements/unnamed-source';
import type { ArticleAnalysis } from './analysis.types';

/**
 * Pieces of news prose that exercise every stage: names and organisations, speech verbs and the learned cue words
 * the proposal stage reads ("believes", "shows", "pledged to"), "that", "who", "according to", curly and straight
 * quotes, shouting, dashes, and the odd characters the world sends (lone surrogates, zero-width joiners, NUL).
 */
/** Speech verbs and the learned cue words, some taking a clause and some a plain object. */
const CUE_WORDS = ['said', 'says', 'believes', 'shows', 'pledged to', 'urged Congress to', 'declined to', 'criticized'];
const PIECES = [
  'Senator Dana Kiro',
  'Kiro',
  'Gallup',
  'a new Gallup poll',
  "Kiro's campaign",
  'the ministry',
  'he',
  'she',
  'they',
  'who',
  ...CUE_WORDS,
  'according to',
  'however',
  'that',
  'the plant will close',
  'the talks would continue',
  'on Monday',
  'IBM SHARES ROSE',
  ',',
  '.',
  ';',
  ' — ',
  '“',
  '”',
  '"',
  "'",
  '\n\n',
  '\uD800',
  '\u200D',
  '\0',
  'é',
];
const SUBJECTS = ['Senator Dana Kiro', 'Kiro', 'He', 'She', 'A new Gallup poll', "Kiro's campaign", 'The ministry', 'Gallup'];
const CUES = [...CUE_WORDS, 'told reporters', 'found', 'praised'];
const CONTENTS = [
  'the plant will close',
  'that the talks would continue',
  'oppose the tax',
  'they will win',
  'comment',
  'the decision to close the plant',
];
/** A sentence shaped like an attribution, so that every stage has something to find. */
const attribution = fc
  .tuple(fc.constantFrom(...SUBJECTS), fc.constantFrom(...CUES), fc.constantFrom(...CONTENTS), fc.constantFrom('.', '', ',', '!'))
  .map(([subject, cue, content, end]) => `${subject} ${cue} ${content}${end}`);
const noise = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((pieces) => pieces.join(' '));
const prose = fc.array(fc.oneof(attribution, noise), { maxLength: 12 }).map((sentences) => sentences.join(' '));
const body = fc.oneof(prose, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }));

function expectSpansOfBody(text: string, analysis: ArticleAnalysis): void {
  const inBody = (span: { start: number; end: number }) => {
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeGreaterThanOrEqual(span.start);
    expect(span.end).toBeLessThanOrEqual(text.length);
  };
  const actorIds = new Set(analysis.actors.map((a) => a.id));
  for (const mention of [...analysis.actors, ...analysis.places].flatMap((x) => x.mentions)) {
    inBody(mention);
    expect(mention.text).toBe(text.slice(mention.start, mention.end));
  }
  // Statements and stances alike: non-empty spans of the body, in order, speakers among the actors or described.
  for (const attributions of [analysis.statements, analysis.stances]) {
    let previousStart = -1;
    for (const attribution of attributions) {
      inBody(attribution);
      expect(attribution.end).toBeGreaterThan(attribution.start);
      expect(attribution.text).toBe(text.slice(attribution.start, attribution.end));
      expect(attribution.start).toBeGreaterThanOrEqual(previousStart);
      previousStart = attribution.start;
      if (attribution.cueSpan) inBody(attribution.cueSpan);
      const speaker = attribution.speaker;
      if (speaker?.actorId.startsWith(UNNAMED_SPEAKER_PREFIX)) {
        // An unnamed source: no actor, described by words of the body.
        expect(actorIds).not.toContain(speaker.actorId);
        inBody(speaker.mention!);
        expect(speaker.name).toBe(text.slice(speaker.mention!.start, speaker.mention!.end));
      } else if (speaker) {
        expect(actorIds).toContain(speaker.actorId);
        if (speaker.mention) inBody(speaker.mention);
      }
      expect(Math.abs(attribution.sentiment.score)).toBeLessThanOrEqual(1);
    }
  }
  // One statement per span, and no word in more than two statements (a report of a report), however cues pile up.
  expect(new Set(analysis.statements.map((s) => `${s.start}:${s.end}`)).size).toBe(analysis.statements.length);
  for (const s of analysis.statements) {
    const covering = analysis.statements.filter((t) => t.start <= s.start && s.start < t.end);
    expect(covering.length).toBeLessThanOrEqual(MAX_STATEMENT_DEPTH);
  }
  for (const stance of analysis.stances) {
    expect(stance.cue).toBe(text.slice(stance.cueSpan.start, stance.cueSpan.end));
    // A stance is never also (part of) a statement.
    expect(analysis.statements.filter((s) => s.start < stance.end && stance.start < s.end)).toEqual([]);
  }
}

describe(analyzeArticle.name, () => {
  describe('when given any text, news-like or hostile', () => {
    it('answers with spans inside the body whose texts are the body there, speakers among its actors or described by it', () => {
      let reported = 0;
      let stances = 0;
      fc.assert(
        fc.property(body, (text) => {
          const analysis = analyzeArticle({ id: 'p', body: text });
          expectSpansOfBody(text, analysis);
          reported += analysis.statements.filter((s) => s.kind === 'indirect' && s.speaker !== null).length;
          stances += analysis.stances.length;
        }),
        { numRuns: 400 },
      );
      // The pieces do make attributed statements and stances, so the checks above are not vacuous.
      expect(reported).toBeGreaterThan(20);
      expect(stances).toBeGreaterThan(5);
    });

    it('gives the same analysis for the same text', () => {
      fc.assert(
        fc.property(prose, (text) => {
          expect(analyzeArticle({ id: 'p', body: text })).toEqual(analyzeArticle({ id: 'p', body: text }));
        }),
        { numRuns: 100 },
      );
    });
  });
});
